-- Reserves every line of an order or none, once per order.
-- KEYS[1]     the order's reservation record
-- KEYS[2..n]  the stock hash of each line's sku, in line order
-- ARGV[1]     the request: {"orderId":..,"customerId":..,"lines":[{"sku":..,"quantity":..}, ..]}
-- Returns {"reservation":{..}, "levels":[..], "repeated":bool} as JSON.
local request = cjson.decode(ARGV[1])
if #KEYS ~= #request.lines + 1 then
  return redis.error_reply('reserve: ' .. #KEYS .. ' keys for ' .. #request.lines .. ' lines')
end

local function level(i)
  local fields = redis.call('HMGET', KEYS[i + 1], 'onHand', 'reserved', 'version')
  return {
    sku = request.lines[i].sku,
    known = fields[1] ~= false,
    onHand = tonumber(fields[1]) or 0,
    reserved = tonumber(fields[2]) or 0,
    version = tonumber(fields[3]) or 0
  }
end

local existing = redis.call('GET', KEYS[1])
if existing then
  local reservation = cjson.decode(existing)
  local levels = {}
  if reservation.status == 'CONFIRMED' then
    for i = 1, #request.lines do table.insert(levels, level(i)) end
  end
  return cjson.encode({ reservation = reservation, levels = levels, repeated = true })
end

local shortages = {}
for i, line in ipairs(request.lines) do
  local current = level(i)
  if not current.known then
    table.insert(shortages, { sku = line.sku, requested = line.quantity, available = 0, unknownSku = true })
  elseif current.onHand - current.reserved < line.quantity then
    table.insert(shortages, { sku = line.sku, requested = line.quantity,
      available = current.onHand - current.reserved, unknownSku = false })
  end
end

local reservation = { orderId = request.orderId, customerId = request.customerId, lines = request.lines }
local levels = {}
if #shortages > 0 then
  reservation.status = 'REJECTED'
  reservation.shortages = shortages
else
  reservation.status = 'CONFIRMED'
  for i, line in ipairs(request.lines) do
    redis.call('HINCRBY', KEYS[i + 1], 'reserved', line.quantity)
    redis.call('HINCRBY', KEYS[i + 1], 'version', 1)
    table.insert(levels, level(i))
  end
end
redis.call('SET', KEYS[1], cjson.encode(reservation))
return cjson.encode({ reservation = reservation, levels = levels, repeated = false })
