-- purchaseAndCreate with a fresh idempotency key per request, rotating the buyers' tokens.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local product = os.getenv("PRODUCT_ID")
local i = 0

request = function()
  i = i + 1
  local body = string.format('{"query":"mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }","variables":{"p":"%s","k":"bench-%d-%d"}}', product, math.random(1, 1000000000), i)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] }
  return wrk.format("POST", nil, headers, body)
end

dofile(os.getenv("WRK_REPORT"))
