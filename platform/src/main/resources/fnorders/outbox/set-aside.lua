-- An entry the relay cannot publish (it names no known event type or binding: a bug, never an
-- outage) is moved to the outbox's set-aside stream with the reason, so it is kept but no longer
-- holds up its shard; the set-aside stream keeps about the latest 10,000 such entries.
-- KEYS[1] the stream, KEYS[2] the set-aside stream; ARGV[1] the group, ARGV[2] the entry id,
-- ARGV[3] the reason.
local entry = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
if #entry == 1 then
  local fields = entry[1][2]
  table.insert(fields, 'stream')
  table.insert(fields, KEYS[1])
  table.insert(fields, 'reason')
  table.insert(fields, ARGV[3])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '10000', '*', unpack(fields))
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return redis.call('XDEL', KEYS[1], ARGV[2])
