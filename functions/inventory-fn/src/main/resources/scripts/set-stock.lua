-- Sets a sku's units on hand, unless fewer than are reserved, and announces its levels.
-- KEYS[1] the sku's stock hash, KEYS[2] the sku's outbox stream
-- ARGV[1] the sku, ARGV[2] the units on hand, ARGV[3..] the stock.changed entry's first fields
-- Returns {onHand, reserved, version, accepted (1 or 0)}.
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
local onHand = tonumber(ARGV[2])
if onHand < reserved then
  local current = tonumber(redis.call('HGET', KEYS[1], 'onHand') or '0')
  local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
  return { current, reserved, version, 0 }
end
redis.call('HSET', KEYS[1], 'onHand', onHand, 'reserved', reserved)
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
announce_stock(KEYS[2], { unpack(ARGV, 3) }, ARGV[1], onHand, reserved, version)
return { onHand, reserved, version, 1 }
