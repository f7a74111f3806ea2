-- text.lua: text helpers for report scripts that Lua's string library lacks.
--   local text = require("text")
--   text.lower("Цели и ЗАДАЧИ")  --> "цели и задачи"

local text = {}

-- Lower case for ASCII and the Cyrillic alphabet (Lua's string.lower changes ASCII only).
function text.lower(s)
  s = s:lower()
  if not s:find("[\208\209]") then return s end
  return (s:gsub("\208([\144-\159])", function(c) return "\208" .. string.char(c:byte() + 32) end)
           :gsub("\208([\160-\175])", function(c) return "\209" .. string.char(c:byte() - 32) end)
           :gsub("\208([\128-\143])", function(c) return "\209" .. string.char(c:byte() + 16) end))
end

-- The words of `s`, lower-cased, split at spaces.
function text.words(s)
  local out = {}
  for word in text.lower(s):gmatch("[^%s]+") do out[#out + 1] = word end
  return out
end

return text
