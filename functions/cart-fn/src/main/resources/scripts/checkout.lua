-- Turns a cart into an order in one step: stores the order, binds the idempotency key to it,
-- queues order.placed in the outbox and empties the cart (which keeps counting its revisions);
-- only if the key is not bound yet and the cart is still as it was read.
-- KEYS[1] the idempotency key, KEYS[2] the order hash, KEYS[3] the cart hash, KEYS[4] the outbox
--         stream of the order
-- ARGV[1] the order id, ARGV[2] the cart's revision when it was read, ARGV[3] how long the key
--         lives (s), ARGV[4] how long the order lives (s), ARGV[5] how long an idle cart lives (s),
--         ARGV[6] n, the number of order fields and values that follow, ARGV[7..6+n] those, then
--         the outbox entry's fields and values
-- Returns {'PLACED'}, {'PLACED_BEFORE', order id} or {'CART_CHANGED'}.
local bound = redis.call('GET', KEYS[1])
if bound then
  return { 'PLACED_BEFORE', bound }
end
if (redis.call('HGET', KEYS[3], 'rev') or '0') ~= ARGV[2] then
  return { 'CART_CHANGED' }
end
local fields = tonumber(ARGV[6])
redis.call('HSET', KEYS[2], unpack(ARGV, 7, 6 + fields))
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('XADD', KEYS[4], '*', unpack(ARGV, 7 + fields))
for _, field in ipairs(redis.call('HKEYS', KEYS[3])) do
  local kind = string.sub(field, 1, 2)
  if kind == 'q:' or kind == 'n:' or kind == 'p:' or kind == 'o:' or field == 'currency' then
    redis.call('HDEL', KEYS[3], field)
  end
end
redis.call('HSET', KEYS[3], 'lines', 0)
redis.call('HINCRBY', KEYS[3], 'rev', 1)
redis.call('EXPIRE', KEYS[3], ARGV[5])
return { 'PLACED' }
