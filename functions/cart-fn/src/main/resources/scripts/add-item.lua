-- Adds units of a product to a cart in one step.
-- KEYS[1] the cart hash: currency, seq (positions handed out), rev (changes so far), lines, and
--         per sku q:<sku> (units), n:<sku> (name), p:<sku> (unit price), o:<sku> (position)
-- ARGV: sku, units, name, unit price, currency, idle ttl (seconds), most units per line, most lines
-- Returns {'OK'}, {'CURRENCY', cart currency}, {'TOO_MANY', units already in the line} or
-- {'FULL', lines in the cart}.
local sku, units = ARGV[1], tonumber(ARGV[2])
local currency = redis.call('HGET', KEYS[1], 'currency')
if currency and currency ~= ARGV[5] then
  return { 'CURRENCY', currency }
end
local current = tonumber(redis.call('HGET', KEYS[1], 'q:' .. sku) or '0')
if current + units > tonumber(ARGV[7]) then
  return { 'TOO_MANY', tostring(current) }
end
if current == 0 then
  local lines = tonumber(redis.call('HGET', KEYS[1], 'lines') or '-1')
  if lines < 0 then
    -- a cart written before lines were counted: count them
    lines = 0
    for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
      if string.sub(field, 1, 2) == 'q:' then lines = lines + 1 end
    end
  end
  if lines >= tonumber(ARGV[8]) then
    return { 'FULL', tostring(lines) }
  end
  redis.call('HSET', KEYS[1], 'o:' .. sku, redis.call('HINCRBY', KEYS[1], 'seq', 1), 'lines', lines + 1)
end
redis.call('HSET', KEYS[1], 'currency', ARGV[5], 'q:' .. sku, current + units, 'n:' .. sku, ARGV[3],
  'p:' .. sku, ARGV[4])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('EXPIRE', KEYS[1], ARGV[6])
return { 'OK' }
