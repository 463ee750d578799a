-- Makes a shard's stream ready for a relay that just took it: the consumer group exists (from the
-- stream's first entry), and every entry another relay read but did not acknowledge (it died or
-- gave the shard up) is now this relay's, to be published before anything newer.
-- KEYS[1] the stream; ARGV[1] the group, ARGV[2] this relay. Returns how many entries it took over.
local created = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
if type(created) == 'table' and created.err and not string.find(created.err, 'BUSYGROUP') then
  return redis.error_reply(created.err)
end
local cursor, taken = '0-0', 0
repeat
  local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, cursor, 'COUNT', 500, 'JUSTID')
  cursor = claimed[1]
  taken = taken + #claimed[2]
until cursor == '0-0'
return taken
