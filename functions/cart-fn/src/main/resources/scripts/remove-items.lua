-- Lowers or removes lines of a cart in one step. A cart whose last line goes keeps counting its
-- revisions (and expires after the idle time), so a checkout that read it before cannot mistake
-- a refilled cart for the one it read.
-- KEYS[1] the cart hash (see add-item.lua)
-- ARGV[1] idle ttl (seconds); then pairs of sku and units ('' removes the whole line)
-- Returns the number of lines left.
local changed = false
for i = 2, #ARGV, 2 do
  local sku, units = ARGV[i], ARGV[i + 1]
  local current = tonumber(redis.call('HGET', KEYS[1], 'q:' .. sku) or '0')
  if current > 0 then
    changed = true
    local left = (units == '') and 0 or current - tonumber(units)
    if left <= 0 then
      redis.call('HDEL', KEYS[1], 'q:' .. sku, 'n:' .. sku, 'p:' .. sku, 'o:' .. sku)
    else
      redis.call('HSET', KEYS[1], 'q:' .. sku, left)
    end
  end
end
local lines = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 2) == 'q:' then lines = lines + 1 end
end
if changed then
  if lines == 0 then
    redis.call('HDEL', KEYS[1], 'currency')
  end
  redis.call('HSET', KEYS[1], 'lines', lines)
  redis.call('HINCRBY', KEYS[1], 'rev', 1)
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return lines
