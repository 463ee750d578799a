-- An instance's hold on one shard of the outbox: taken when nobody holds it, renewed by its
-- holder, given back by its holder. KEYS[1] the shard's lease; ARGV[1] the instance, ARGV[2] the
-- lease time (ms), ARGV[3] 'take', 'renew' or 'give'. Returns 1 when the instance holds the shard
-- afterwards, 0 when it does not.
local holder = redis.call('GET', KEYS[1])
if ARGV[3] == 'give' then
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[1])
  end
  return 0
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder and ARGV[3] == 'take' then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
