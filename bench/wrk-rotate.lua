-- Sends BODY_FILE as a POST, rotating the bearer tokens listed one per line in TOKENS_FILE.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local f = io.open(os.getenv("BODY_FILE"), "r")
local body = f:read("*a")
f:close()
local i = 0

request = function()
  i = i + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] }
  return wrk.format("POST", nil, headers, body)
end

dofile(os.getenv("WRK_REPORT"))
