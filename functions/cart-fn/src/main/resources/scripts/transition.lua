-- Moves an order to a new status if its current status is one of the given ones.
-- KEYS[1] the order hash; ARGV[1] the new status, ARGV[2] the reason ('' for none),
-- ARGV[3..] the statuses it may move from. Returns 0 for an unknown order, 2 when the status
-- changed, 1 when it did not (not a status it may move from, or already the new one).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 0
end
if status == ARGV[1] then
  return 1
end
for i = 3, #ARGV do
  if ARGV[i] == status then
    redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[2])
    return 2
  end
end
return 1
