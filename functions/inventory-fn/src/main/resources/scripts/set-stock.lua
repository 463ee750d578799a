-- Sets a sku's units on hand, unless fewer than are reserved.
-- KEYS[1] the sku's stock hash; ARGV[1] the units on hand
-- Returns {onHand, reserved, version, accepted (1 or 0)}.
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
local onHand = tonumber(ARGV[1])
if onHand < reserved then
  local current = tonumber(redis.call('HGET', KEYS[1], 'onHand') or '0')
  local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
  return { current, reserved, version, 0 }
end
redis.call('HSET', KEYS[1], 'onHand', onHand, 'reserved', reserved)
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
return { onHand, reserved, version, 1 }
