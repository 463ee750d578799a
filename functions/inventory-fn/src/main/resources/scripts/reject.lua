-- Records that an order is rejected without touching stock, once per order.
-- KEYS[1] the order's reservation record
-- ARGV[1] the record: {"orderId":..,"customerId":..,"status":"REJECTED","reason":..}
-- ARGV[2] how long the record is kept (s)
-- Returns {"reservation":{..}, "repeated":bool} as JSON: the record found, or the one written.
local existing = redis.call('GET', KEYS[1])
if existing then
  return cjson.encode({ reservation = cjson.decode(existing), repeated = true })
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return cjson.encode({ reservation = cjson.decode(ARGV[1]), repeated = false })
