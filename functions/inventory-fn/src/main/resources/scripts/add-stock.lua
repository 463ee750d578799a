-- Adds units on hand to a sku, creating its stock when it has none, and announces its levels.
-- KEYS[1] the sku's stock hash, KEYS[2] the sku's outbox stream
-- ARGV[1] the sku, ARGV[2] the units to add, ARGV[3..] the stock.changed entry's first fields
-- Returns {onHand, reserved, version}.
local onHand = redis.call('HINCRBY', KEYS[1], 'onHand', ARGV[2])
redis.call('HSETNX', KEYS[1], 'reserved', 0)
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved'))
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
announce_stock(KEYS[2], { unpack(ARGV, 3) }, ARGV[1], onHand, reserved, version)
return { onHand, reserved, version }
