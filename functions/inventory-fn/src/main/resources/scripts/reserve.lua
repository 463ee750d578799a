-- Reserves every line of an order or none, once per order, and announces the new levels of each
-- sku it reserved.
-- KEYS[1]          the order's reservation record
-- KEYS[2..n+1]     the stock hash of each line's sku, in line order
-- KEYS[n+2..2n+1]  the outbox stream of each line's sku, in line order
-- ARGV[1]          the request: {"orderId":..,"customerId":..,"lines":[{"sku":..,"quantity":..}, ..]}
-- ARGV[2]          how long the record is kept (s)
-- ARGV[3..]        the stock.changed entry's first fields
-- Returns {"reservation":{..}, "repeated":bool} as JSON. An order decided before, or cancelled
-- before it came (status CANCELLED), gets its record back and changes nothing.
local request = cjson.decode(ARGV[1])
local lines = #request.lines
if #KEYS ~= 2 * lines + 1 then
  return redis.error_reply('reserve: ' .. #KEYS .. ' keys for ' .. lines .. ' lines')
end

local existing = redis.call('GET', KEYS[1])
if existing then
  return cjson.encode({ reservation = cjson.decode(existing), repeated = true })
end

local shortages = {}
for i, line in ipairs(request.lines) do
  local fields = redis.call('HMGET', KEYS[i + 1], 'onHand', 'reserved')
  if not fields[1] then
    table.insert(shortages, { sku = line.sku, requested = line.quantity, available = 0, unknownSku = true })
  else
    local available = tonumber(fields[1]) - tonumber(fields[2] or '0')
    if available < line.quantity then
      table.insert(shortages, { sku = line.sku, requested = line.quantity, available = available,
        unknownSku = false })
    end
  end
end

local reservation = { orderId = request.orderId, customerId = request.customerId, lines = request.lines }
if #shortages > 0 then
  reservation.status = 'REJECTED'
  reservation.shortages = shortages
else
  reservation.status = 'CONFIRMED'
  local entry = { unpack(ARGV, 3) }
  for i, line in ipairs(request.lines) do
    local reserved = redis.call('HINCRBY', KEYS[i + 1], 'reserved', line.quantity)
    local version = redis.call('HINCRBY', KEYS[i + 1], 'version', 1)
    local onHand = tonumber(redis.call('HGET', KEYS[i + 1], 'onHand'))
    announce_stock(KEYS[lines + 1 + i], entry, line.sku, onHand, reserved, version)
  end
end
redis.call('SET', KEYS[1], cjson.encode(reservation), 'EX', ARGV[2])
return cjson.encode({ reservation = reservation, repeated = false })
