-- Releases what a confirmed order holds, once.
-- KEYS[1]     the order's reservation record
-- KEYS[2..n]  the stock hash of each reserved line's sku, in the record's line order
-- Returns {"released":bool, "repeated":bool, "reservation":{..}, "levels":[..]} as JSON; a
-- repeated release changes nothing and returns the levels as they are.
local existing = redis.call('GET', KEYS[1])
if not existing then
  return cjson.encode({ released = false })
end
local reservation = cjson.decode(existing)
if reservation.status ~= 'CONFIRMED' and reservation.status ~= 'RELEASED' then
  return cjson.encode({ released = false, reservation = reservation })
end
if #KEYS ~= #reservation.lines + 1 then
  return redis.error_reply('release: ' .. #KEYS .. ' keys for ' .. #reservation.lines .. ' lines')
end
local repeated = reservation.status == 'RELEASED'
local levels = {}
for i, line in ipairs(reservation.lines) do
  if not repeated then
    redis.call('HINCRBY', KEYS[i + 1], 'reserved', -line.quantity)
    redis.call('HINCRBY', KEYS[i + 1], 'version', 1)
  end
  local fields = redis.call('HMGET', KEYS[i + 1], 'onHand', 'reserved', 'version')
  table.insert(levels, { sku = line.sku, onHand = tonumber(fields[1]), reserved = tonumber(fields[2]),
    version = tonumber(fields[3]) })
end
if not repeated then
  reservation.status = 'RELEASED'
  redis.call('SET', KEYS[1], cjson.encode(reservation))
end
return cjson.encode({ released = true, repeated = repeated, reservation = reservation, levels = levels })
