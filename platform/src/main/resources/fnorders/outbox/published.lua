-- Entries the broker has: acknowledged and removed from the stream, so the outbox holds only what
-- is still to be published. KEYS[1] the stream; ARGV[1] the group, ARGV[2..] the entry ids.
-- Returns how many entries were removed.
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
