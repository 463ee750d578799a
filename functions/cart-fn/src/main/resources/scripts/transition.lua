-- Moves an order to a new status if its current status is one of the given ones; when it moves,
-- renews how long the order lives and, if an outbox stream is given, queues the event that
-- announces the move in the same step.
-- KEYS[1] the order hash; KEYS[2] (optional) the outbox stream of the order
-- ARGV[1] the new status, ARGV[2] the reason ('' for none), ARGV[3] how long the order lives (s),
-- ARGV[4] m, the number of statuses it may move from, ARGV[5..4+m] those, then (with KEYS[2]) the
-- outbox entry's fields and values.
-- Returns 0 for an unknown order, 2 when the status changed, 1 when it did not (not a status it
-- may move from, or already the new one).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 0
end
if status == ARGV[1] then
  return 1
end
local from = tonumber(ARGV[4])
for i = 5, 4 + from do
  if ARGV[i] == status then
    redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[2])
    redis.call('EXPIRE', KEYS[1], ARGV[3])
    if KEYS[2] then
      redis.call('XADD', KEYS[2], '*', unpack(ARGV, 5 + from))
    end
    return 2
  end
end
return 1
