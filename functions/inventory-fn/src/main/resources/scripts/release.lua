-- Releases what a confirmed order holds, once, and announces the new levels of each sku; when
-- there is no record of the order, remembers its cancellation instead, so an order.placed that
-- comes later reserves nothing.
-- KEYS[1]          the order's reservation record
-- KEYS[2..n+1]     the stock hash of each reserved line's sku, in the record's line order
-- KEYS[n+2..2n+1]  the outbox stream of each of those skus
-- ARGV[1] how long the record is kept (s), ARGV[2] the record of a cancellation that came first
-- ({"orderId":..,"customerId":..,"status":"CANCELLED"}), ARGV[3..] the stock.changed entry's
-- first fields
-- Returns {"released":bool, "repeated":bool, "reservation":{..}} as JSON, or {"stale":true} when
-- the record's lines are not those the keys were given for (read it again).
local existing = redis.call('GET', KEYS[1])
if not existing then
  if #KEYS ~= 1 then
    return cjson.encode({ stale = true })
  end
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[1])
  return cjson.encode({ released = false, repeated = false, reservation = cjson.decode(ARGV[2]) })
end
local reservation = cjson.decode(existing)
if reservation.status ~= 'CONFIRMED' and reservation.status ~= 'RELEASED' then
  return cjson.encode({ released = false, repeated = true, reservation = reservation })
end
local lines = #reservation.lines
if #KEYS ~= 2 * lines + 1 then
  return cjson.encode({ stale = true })
end
if reservation.status == 'RELEASED' then
  return cjson.encode({ released = true, repeated = true, reservation = reservation })
end
local entry = { unpack(ARGV, 3) }
for i, line in ipairs(reservation.lines) do
  local reserved = redis.call('HINCRBY', KEYS[i + 1], 'reserved', -line.quantity)
  local version = redis.call('HINCRBY', KEYS[i + 1], 'version', 1)
  local onHand = tonumber(redis.call('HGET', KEYS[i + 1], 'onHand'))
  announce_stock(KEYS[lines + 1 + i], entry, line.sku, onHand, reserved, version)
end
reservation.status = 'RELEASED'
redis.call('SET', KEYS[1], cjson.encode(reservation), 'EX', ARGV[1])
return cjson.encode({ released = true, repeated = false, reservation = reservation })
