-- report.lua (plain): the benchmark report in plain Lua 5.4, run by the lua5.4 interpreter. It
-- reads and parses the record files itself and writes the same CSV files as Benchmarks/report.lua,
-- byte for byte.
--
--     lua5.4 plain/report.lua CORPUS_DIR OUT_DIR
--
-- It follows the engine's rules for the layout that tools/gen-corpus.py writes: the year from the
-- DOI, words of the abstract, reference authors, years and languages. Bytes of 128 and above count
-- as letters (the generated abstracts are ASCII; names may be Cyrillic).

local corpus_dir, out_dir = arg[1], arg[2]
local LATEST_YEAR = tonumber(os.date("%Y")) + 1

local function set_of(text)
  local s = {}
  for w in text:gmatch("%S+") do s[w] = true end
  return s
end

local STOPWORDS = set_of([[
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each few for from further had hadn't has hasn't have haven't having he he'd
he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
in into is isn't it it's its itself let's may me might more most must mustn't my myself no nor not
of off on once only or other ought our ours ourselves out over own same shall shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's therefore these they they'd they'll they're they've this those thus through to too
under until up upon us very was wasn't we we'd we'll we're we've were weren't what what's when
when's where where's whether which while who who's whom whose why why's will with within without
won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
]])

local FUNCTION_WORDS = {
  {"en", set_of("the of and in to is that for on with as by was are this which from")},
  {"ru", set_of("и в на с по что не для как из к о от это при а")},
  {"de", set_of("der die und das den von zu mit ist im des sich auf für eine")},
  {"fr", set_of("le la les et des du une est dans pour que sur par au")},
  {"es", set_of("el la los las y del que en por con para una es se")},
  {"it", set_of("il di che la e per con del della non una sono gli")},
  {"pt", set_of("o os da do das dos e que em para com uma não são")},
}
local NOTE_LANGUAGES = {
  {"russ", "ru"}, {"mong", "mn"}, {"eng", "en"}, {"ukr", "uk"}, {"kaz", "kk"}, {"bel", "be"},
  {"chin", "zh"}, {"jap", "ja"}, {"germ", "de"}, {"ger", "de"}, {"fr", "fr"}, {"span", "es"},
  {"ital", "it"}, {"pol", "pl"}, {"tat", "tt"}, {"uzb", "uz"}, {"kyrg", "ky"}, {"arm", "hy"},
  {"georg", "ka"}, {"azerb", "az"}, {"turk", "tr"}, {"kor", "ko"}, {"kalm", "xal"}, {"bur", "bua"},
}
local NUMBER_MARKERS = set_of("vol. т. no. iss. issue № вып. pp. p. с. c. vols.")

-- Lower case for ASCII and Cyrillic.
local function lower(s)
  s = s:lower()
  if s:find("[\208\209]") then
    s = s:gsub("\208([\144-\159])", function(c) return "\208" .. string.char(c:byte() + 32) end)
         :gsub("\208([\160-\175])", function(c) return "\209" .. string.char(c:byte() - 32) end)
         :gsub("\208([\128-\143])", function(c) return "\209" .. string.char(c:byte() + 16) end)
  end
  return s
end

local function is_upper(cp) return (cp >= 65 and cp <= 90) or (cp >= 0x400 and cp < 0x430) end
local function is_lower(cp) return (cp >= 97 and cp <= 122) or (cp >= 0x430 and cp < 0x460) end
local function is_alpha(cp) return is_upper(cp) or is_lower(cp) or (cp >= 0xC0 and cp < 0x250) end

-- Words: runs of letters and digits joined across a single ' or -; lower-cased.
local function words(text)
  local out, n = {}, 0
  local last_end, current = nil, nil
  for s, w, e in text:gmatch("()([%w\128-\255]+)()") do
    if current and s == last_end + 1 and text:find("^['%-]", last_end) then
      current = current .. text:sub(last_end, last_end) .. w
    else
      if current then n = n + 1; out[n] = lower(current) end
      current = w
    end
    last_end = e
  end
  if current then n = n + 1; out[n] = lower(current) end
  return out
end

local function doi_year(doi)
  local suffix = doi:match("/(.*)$") or ""
  local groups = {}
  for s, g, e in suffix:gmatch("()(%d+)()") do groups[#groups + 1] = {g, s, e} end
  local candidates = {}
  for k, gr in ipairs(groups) do
    local g, e = gr[1], gr[3]
    local y = tonumber(g)
    if #g == 4 and y >= 1900 and y <= LATEST_YEAR then
      local nxt = groups[k + 1]
      if not (nxt and #nxt[1] == 4 and suffix:sub(e, e) == "-" and nxt[2] == e + 1) then
        candidates[#candidates + 1] = (k == #groups and #candidates > 0) and -1 or y
      end
    end
  end
  for _, c in ipairs(candidates) do if c > 0 then return c end end
  return nil
end

local function script_language(text)
  local cyr, lat, grk, ukr = 0, 0, 0, false
  for _, cp in utf8.codes(text) do
    if cp < 128 then
      if (cp >= 65 and cp <= 90) or (cp >= 97 and cp <= 122) then lat = lat + 1 end
    elseif cp >= 0x400 and cp < 0x500 then
      cyr = cyr + 1
      if cp == 0x456 or cp == 0x457 or cp == 0x454 or cp == 0x491 then ukr = true end
    elseif cp >= 0x370 and cp < 0x400 then
      grk = grk + 1
    end
  end
  if cyr > lat then return ukr and "uk" or "ru" end
  if grk > lat then return "el" end
  return nil
end

local function guess_language(text)
  local ws = {}
  for w in text:gmatch("[%a\128-\255]+") do
    if #ws >= 400 then break end
    ws[#ws + 1] = lower(w)
  end
  if #ws < 3 then return script_language(text) end
  local best, best_count = nil, 0
  for _, fw in ipairs(FUNCTION_WORDS) do
    local c = 0
    for _, w in ipairs(ws) do if fw[2][w] then c = c + 1 end end
    if c > best_count then best, best_count = fw[1], c end
  end
  if best and best_count / #ws >= 0.05 then return best end
  return script_language(text)
end

-- Reference authors "Family I. I., Family I.I." over code points.
local function parse_author(cps, p)
  local n = #cps
  if p > n or not is_upper(cps[p]) then return nil end
  local q, letters = p, 0
  while q <= n do
    local c = cps[q]
    if is_alpha(c) then letters = letters + 1; q = q + 1
    elseif (c == 45 or c == 39 or c == 0x2019) and q + 1 <= n and is_alpha(cps[q + 1]) then q = q + 1
    else break end
  end
  if letters < 2 or q > n or cps[q] ~= 32 then return nil end
  local family_end = q
  while q <= n and cps[q] == 32 do q = q + 1 end
  local initials, init_end = {}, nil
  while q <= n and is_upper(cps[q]) do
    local r = q + 1
    if r <= n and is_lower(cps[r]) then r = r + 1 end
    if not (r <= n and cps[r] == 46) then break end
    initials[#initials + 1] = utf8.char(table.unpack(cps, q, r - 1)) .. "."
    init_end = r + 1
    q = r + 1
    if q <= n and cps[q] == 45 then
      q = q + 1
      initials[#initials + 1] = "-"
    else
      local nxt = q + ((q <= n and cps[q] == 32) and 1 or 0)
      local more = false
      if nxt <= n and is_upper(cps[nxt]) then
        local r2 = nxt + 1
        if r2 <= n and is_lower(cps[r2]) then r2 = r2 + 1 end
        more = r2 <= n and cps[r2] == 46
      end
      if not more then break end
      q = nxt
    end
  end
  if not init_end then return nil end
  if initials[#initials] == "-" then initials[#initials] = nil end
  return utf8.char(table.unpack(cps, p, family_end - 1)), table.concat(initials), init_end
end

local function parse_authors(cps)
  local names, p = {}, 1
  while true do
    local family, initials, e = parse_author(cps, p)
    if not family then break end
    names[#names + 1] = {family, initials}
    p = e
    if cps[p] == 44 then
      local q = p + 1
      while cps[q] == 32 do q = q + 1 end
      if utf8.char(table.unpack(cps, q, math.min(#cps, q + 5))) == "et al." then p = q + 6; break end
      p = q
    else
      break
    end
  end
  return names, p
end

local function clean(t)
  t = t:match("^%s*(.-)%s*$")
  for _, lead in ipairs({"In:", "In :", "//", "Ser.:"}) do
    if #t >= #lead and t:sub(-#lead) == lead then t = t:sub(1, -#lead - 1):match("^%s*(.-)%s*$") end
  end
  t = t:gsub("[%.,:;/ ]+$", ""):gsub("^[%.,:; ]+", "")
  return t
end

local function parse_reference(raw)
  local stop, language = #raw, nil
  local stripped = raw:gsub("[ %.]+$", "")
  if stripped:sub(-1) == ")" and #stripped > 5 then
    local open = stripped:match(".*()%(")
    local inner = open and stripped:sub(open + 1, -2)
    if inner and not inner:find("[()]") then
      inner = inner:match("^%s*(.-)%s*$")
      if inner:sub(1, 3) == "In " then
        local word = inner:sub(4):match("^%a*"):lower()
        for _, nl in ipairs(NOTE_LANGUAGES) do
          if word:sub(1, #nl[1]) == nl[1] then language = nl[2]; break end
        end
        stop = open - 1
      end
    end
  end
  if not language then language = script_language(raw) end
  local head = raw:sub(1, stop)
  local cps = {utf8.codepoint(head, 1, -1)}
  local names, p = parse_authors(cps)
  local body = (p <= #cps) and utf8.char(table.unpack(cps, p)) or ""
  body = body:gsub("^[ %.,]+", "")
  local a = body:find("*", 1, true)
  local b = a and body:find("*", a + 1, true)
  if not language and a and b then
    local before, italic = clean(body:sub(1, a - 1)), clean(body:sub(a + 1, b - 1))
    local title = before ~= "" and before or italic
    if title ~= "" then language = guess_language(title) end
  end
  local year, previous = nil, nil
  for tok in head:gmatch("%S+") do
    if not (previous and NUMBER_MARKERS[lower(previous)]) and not tok:find("/", 1, true) and tok:sub(1, 3) ~= "10." then
      for run in tok:gmatch("%d+") do
        if #run == 4 then
          local y = tonumber(run)
          if y >= 1500 and y <= LATEST_YEAR then year = y end
        end
      end
    end
    previous = tok
  end
  return names, year, language
end

local function count(t, key) t[key] = (t[key] or 0) + 1 end

local function cell(v)
  local s = tostring(v)
  if type(v) ~= "number" and s:find("^[=+%-@\t\r]") and not tonumber(s) then s = "'" .. s end
  if s:find('[,"\n\r]') or s:find("^ ") or s:find(" $") then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function write_csv(name, header, rows)
  local f = assert(io.open(out_dir .. "/" .. name, "wb"))
  f:write(table.concat(header, ","), "\r\n")
  for _, row in ipairs(rows) do
    local cells = {}
    for i, v in ipairs(row) do cells[i] = cell(v) end
    f:write(table.concat(cells, ","), "\r\n")
  end
  f:close()
end

local function ranked(counts, top)
  local rows = {}
  for k, c in pairs(counts) do rows[#rows + 1] = {k, c} end
  table.sort(rows, function(x, y) if x[2] ~= y[2] then return x[2] > y[2] end return x[1] < y[1] end)
  if top then for i = #rows, top + 1, -1 do rows[i] = nil end end
  return rows
end

-- Read every record.
local years, terms, term_docs, bigrams, bigram_docs = {}, {}, {}, {}, {}
local ref_years, ref_langs, ref_authors, author_label = {}, {}, {}, {}
local keyword_label, pairs_count = {}, {}
local names = {}
for name in io.popen('ls "' .. corpus_dir .. '"'):lines() do
  if name:sub(-4) == ".txt" then names[#names + 1] = name end
end
table.sort(names)
for _, name in ipairs(names) do
  local f = assert(io.open(corpus_dir .. "/" .. name, "rb"))
  local text = f:read("a")
  f:close()
  local section, abstract, keywords, refs, doi = nil, {}, {}, {}, nil
  for line in text:gmatch("([^\n]*)\n?") do
    line = line:gsub("%s+$", "")
    if line == "Abstract" or line == "Keywords" or line == "References" then
      section = line
    elseif line:find("doi.org/", 1, true) then
      doi = line:match("doi%.org/(.-)>?$")
    elseif line ~= "" and section == "Abstract" then
      abstract[#abstract + 1] = line
    elseif line ~= "" and section == "Keywords" then
      keywords[#keywords + 1] = line
    elseif section == "References" and line:sub(1, 3) == "- [" then
      refs[#refs + 1] = line:match("^%- %[%d+%] (.*)$")
    end
  end
  local year = doi and doi_year(doi)
  if year then count(years, year) end
  local ws = words((table.concat(abstract, " "):gsub("%*%*", "")))
  local seen = {}
  for _, w in ipairs(ws) do
    if not STOPWORDS[w] then
      count(terms, w)
      if not seen[w] then seen[w] = true; count(term_docs, w) end
    end
  end
  seen = {}
  for i = 1, #ws - 1 do
    local a, b = ws[i], ws[i + 1]
    if not STOPWORDS[a] and not STOPWORDS[b] then
      local g = a .. " " .. b
      count(bigrams, g)
      if not seen[g] then seen[g] = true; count(bigram_docs, g) end
    end
  end
  local items, present = {}, {}
  for k in (table.concat(keywords, " ") .. ","):gmatch("([^,]*),") do
    k = k:match("^%s*(.-)%s*$"):gsub("%.$", "")
    if k ~= "" then
      local key = lower(k)
      if not keyword_label[key] then keyword_label[key] = k end
      if not present[key] then present[key] = true; items[#items + 1] = key end
    end
  end
  for i = 1, #items do
    for j = i + 1, #items do
      local a, b = keyword_label[items[i]], keyword_label[items[j]]
      if b < a then a, b = b, a end
      count(pairs_count, a .. "\0" .. b)
    end
  end
  for _, raw in ipairs(refs) do
    local authors, ryear, lang = parse_reference(raw)
    if ryear then count(ref_years, ryear) end
    if lang then count(ref_langs, lang) end
    local keys = {}
    for _, a in ipairs(authors) do
      local key = lower(a[1]) .. (a[2] ~= "" and (", " .. lower(a[2])) or "")
      if not keys[key] then
        keys[key] = true
        if not author_label[key] then author_label[key] = a[1] .. (a[2] ~= "" and (" " .. a[2]) or "") end
        count(ref_authors, key)
      end
    end
  end
end

write_csv("years.csv", {"year", "count"}, ranked(years))
local function with_documents(rows, docs)
  for _, r in ipairs(rows) do r[3] = docs[r[1]] end
  return rows
end
write_csv("terms.csv", {"term", "count", "documents"}, with_documents(ranked(terms, 100), term_docs))
write_csv("bigrams.csv", {"term", "count", "documents"}, with_documents(ranked(bigrams, 100), bigram_docs))
write_csv("reference_years.csv", {"year", "count"}, ranked(ref_years))
write_csv("reference_languages.csv", {"language", "count"}, ranked(ref_langs))
local pair_rows = {}
for k, c in pairs(pairs_count) do
  local a, b = k:match("^(.-)%z(.*)$")
  pair_rows[#pair_rows + 1] = {a, b, c}
end
table.sort(pair_rows, function(x, y)
  if x[3] ~= y[3] then return x[3] > y[3] end
  if x[1] ~= y[1] then return x[1] < y[1] end
  return x[2] < y[2]
end)
for i = #pair_rows, 51, -1 do pair_rows[i] = nil end
write_csv("keyword_pairs.csv", {"a", "b", "count"}, pair_rows)
local author_rows = {}
for key, c in pairs(ref_authors) do author_rows[#author_rows + 1] = {author_label[key], c} end
table.sort(author_rows, function(x, y) if x[2] ~= y[2] then return x[2] > y[2] end return x[1] < y[1] end)
for i = #author_rows, 21, -1 do author_rows[i] = nil end
write_csv("reference_authors.csv", {"authors", "count"}, author_rows)
