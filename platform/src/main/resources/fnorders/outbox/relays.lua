-- The relays alive now: each reports itself, and those silent for longer than a lease are left
-- out. KEYS[1] a sorted set of relays by the time they last reported (Redis's clock, ms); ARGV[1]
-- this relay, ARGV[2] the lease time (ms). Returns how many relays are alive.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return redis.call('ZCARD', KEYS[1])
