-- Prepended to every script of inventory that changes stock: queues stock.changed for a sku's new
-- levels in the outbox, in the same step as the change.
-- entry: the fields and values every stock.changed entry starts with (binding, type, attributes);
-- the id (<sku>@<version>), subject (the sku) and data (the levels) are added here.
local function announce_stock(stream, entry, sku, onHand, reserved, version)
  local fields = {}
  for i = 1, #entry do
    fields[i] = entry[i]
  end
  table.insert(fields, 'id')
  table.insert(fields, sku .. '@' .. string.format('%d', version))
  table.insert(fields, 'subject')
  table.insert(fields, sku)
  table.insert(fields, 'data')
  table.insert(fields, cjson.encode({ sku = sku, onHand = onHand, reserved = reserved,
    available = onHand - reserved, version = version }))
  redis.call('XADD', stream, '*', unpack(fields))
end
