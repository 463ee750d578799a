-- Records that an order is rejected without touching stock, once per order, and queues its
-- order.rejected in the same step.
-- KEYS[1] the order's reservation record, KEYS[2] the order's outbox stream
-- ARGV[1] the record: {"orderId":..,"customerId":..,"status":"REJECTED","reason":..}
-- ARGV[2] how long the record is kept (s)
-- ARGV[3..] the order.rejected entry's fields and values
-- Returns {"reservation":{..}, "repeated":bool} as JSON: the record found (nothing is queued
-- then: the order's outcome was queued when it was decided), or the one written.
local existing = redis.call('GET', KEYS[1])
if existing then
  return cjson.encode({ reservation = cjson.decode(existing), repeated = true })
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
return cjson.encode({ reservation = cjson.decode(ARGV[1]), repeated = false })
