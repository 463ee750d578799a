-- Reserves every line of an order or none, once per order, and queues in the same step the
-- outcome (order.confirmed or order.rejected) and the new levels of each sku it reserved.
-- KEYS[1]          the order's reservation record
-- KEYS[2..n+1]     the stock hash of each line's sku, in line order
-- KEYS[n+2..2n+1]  the outbox stream of each line's sku, in line order
-- KEYS[2n+2]       the outbox stream of the order
-- ARGV[1]          the request: {"orderId":..,"customerId":..,"lines":[{"sku":..,"quantity":..}, ..],
--                  "email":..}
-- ARGV[2]          how long the record is kept (s)
-- ARGV[3]          the order.confirmed entry, whole, as a JSON array of its fields and values
-- ARGV[4]          the order.rejected entry without its data (binding, type, attributes, id,
--                  subject), as a JSON array; the data (reason, short lines) is added here
-- ARGV[5..]        the stock.changed entry's first fields
-- Returns {"reservation":{..}, "repeated":bool} as JSON. An order decided before, or cancelled
-- before it came (status CANCELLED), gets its record back and changes and queues nothing: its
-- outcome was queued when it was decided.
local request = cjson.decode(ARGV[1])
local lines = #request.lines
if #KEYS ~= 2 * lines + 2 then
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

-- Why an order is rejected for its shortages: "unknown sku: A, B" when no sku of them is known,
-- else "insufficient stock for A, B".
local function reason_for(short)
  local skus, unknown = {}, 0
  for i, shortage in ipairs(short) do
    skus[i] = shortage.sku
    if shortage.unknownSku then
      unknown = unknown + 1
    end
  end
  local prefix = (unknown == #short) and 'unknown sku: ' or 'insufficient stock for '
  return prefix .. table.concat(skus, ', ')
end

local reservation = { orderId = request.orderId, customerId = request.customerId, lines = request.lines }
local outcome
if #shortages > 0 then
  reservation.status = 'REJECTED'
  reservation.shortages = shortages
  reservation.reason = reason_for(shortages)
  outcome = cjson.decode(ARGV[4])
  table.insert(outcome, 'data')
  table.insert(outcome, cjson.encode({ orderId = request.orderId, customerId = request.customerId,
    reason = reservation.reason, shortLines = shortages, email = request.email }))
else
  reservation.status = 'CONFIRMED'
  local entry = { unpack(ARGV, 5) }
  for i, line in ipairs(request.lines) do
    local reserved = redis.call('HINCRBY', KEYS[i + 1], 'reserved', line.quantity)
    local version = redis.call('HINCRBY', KEYS[i + 1], 'version', 1)
    local onHand = tonumber(redis.call('HGET', KEYS[i + 1], 'onHand'))
    announce_stock(KEYS[lines + 1 + i], entry, line.sku, onHand, reserved, version)
  end
  outcome = cjson.decode(ARGV[3])
end
redis.call('SET', KEYS[1], cjson.encode(reservation), 'EX', ARGV[2])
redis.call('XADD', KEYS[2 * lines + 2], '*', unpack(outcome))
return cjson.encode({ reservation = reservation, repeated = false })
