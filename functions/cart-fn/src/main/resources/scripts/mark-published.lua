-- Marks an order as announced, once. KEYS[1] the order hash, saved with published '0'.
-- Returns 1 when this call marked it, 0 when it already was marked or the order is unknown.
if redis.call('HGET', KEYS[1], 'published') ~= '0' then
  return 0
end
redis.call('HSET', KEYS[1], 'published', '1')
return 1
