-- purchaseAndCreate with a fresh idempotency key per request, rotating the buyers' tokens. RUN
-- (one value per wrk run) keeps the keys of one run from repeating another's: a repeated key is
-- answered with the earlier session (idempotency) and would not be a new placement.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local product = os.getenv("PRODUCT_ID")
local run = os.getenv("RUN")
local i = 0

request = function()
  i = i + 1
  local body = string.format('{"query":"mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }","variables":{"p":"%s","k":"bench-%s-%d"}}', product, run, i)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] }
  return wrk.format("POST", nil, headers, body)
end

dofile(os.getenv("WRK_REPORT"))
