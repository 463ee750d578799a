-- Adds units on hand to a sku, creating its stock when it has none.
-- KEYS[1] the sku's stock hash; ARGV[1] the units to add
-- Returns {onHand, reserved, version}.
local onHand = redis.call('HINCRBY', KEYS[1], 'onHand', ARGV[1])
redis.call('HSETNX', KEYS[1], 'reserved', 0)
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved'))
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
return { onHand, reserved, version }
