-- field.lua: the cost of reading one document field from Lua, in nanoseconds: reads doc.title
-- repeatedly and subtracts the same loop reading a plain table field.
local reads = tonumber(params.reads or "2000000")
local n = #corpus
local docs = {}
for i = 1, math.min(n, 1000) do docs[i] = corpus[i] end
local plain = {}
for i = 1, #docs do plain[i] = {title = "x"} end
local m = #docs
local start = os.clock()
local x
for i = 1, reads do x = docs[i % m + 1].title end
local field = os.clock() - start
start = os.clock()
for i = 1, reads do x = plain[i % m + 1].title end
local base = os.clock() - start
print(string.format("%.0f", (field - base) / reads * 1e9))
