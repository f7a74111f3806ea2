-- terms.lua: the vocabulary of the abstracts: the most frequent terms and two-word phrases, the
-- terms that characterise each document (tf-idf), and the terms that distinguish an earlier
-- period from a later one (keyness, log-likelihood G2).
--
-- Outputs: terms.md, terms.csv, bigrams.csv, distinctive.csv, keyness.csv.
-- Parameters:
--   top (integer, default 30): rows in each table of terms.md.
--   split (integer, default the median publication year): documents published before this year
--     form the earlier period; the others, the later one.
--   stopwords (string, default "en"): a built-in stopword list ("en", "ru"), or "none".

local text = require("text")

local top = math.tointeger(tonumber(params.top or "30"))
if not top or top < 1 then error("params.top must be a positive integer, got '" .. tostring(params.top) .. "'") end
local stopwords = params.stopwords or "en"
if stopwords == "none" then stopwords = false end

-- Words of the labels of structured abstracts ("Goals", "Materials and Methods") are left out.
local labels = {}
for row in corpus:count_by("sections"):rows() do
  for _, word in ipairs(text.words(row.sections)) do labels[word] = true end
end
local function without_labels(row)
  for word in row.term:gmatch("[^ ]+") do
    if labels[word] then return false end
  end
  return true
end

local terms = corpus:terms{field = "abstract", stopwords = stopwords}:filter(without_labels)
local bigrams = corpus:terms{field = "abstract", ngram = 2, stopwords = stopwords}:filter(without_labels)
local distinctive = corpus:tfidf{field = "abstract", top = 5, stopwords = stopwords}

local years = {}
for doc in corpus:documents() do
  if doc.year then years[#years + 1] = doc.year end
end
local split = math.tointeger(tonumber(params.split or "")) or math.floor(stats.median(years) or 0)
local earlier = corpus:where{year = {nil, split - 1}}
local later = corpus:where{year = {split, nil}}

local md = report.markdown("terms.md")
md:heading(1, "Terms of the abstracts")
md:paragraph(string.format("%d documents; %d distinct terms, %d distinct two-word phrases.", #corpus, #terms, #bigrams))
md:heading(2, "Most frequent terms")
md:table(terms:head(top))
md:heading(2, "Most frequent two-word phrases")
md:table(bigrams:head(top))
md:heading(2, "Distinctive terms, by period")
if #earlier > 0 and #later > 0 then
  md:paragraph(string.format("Before %d: %d documents; from %d on: %d documents. A positive score marks a term more frequent before %d.",
    split, #earlier, split, #later, split))
  local keyness = earlier:keyness(later, {field = "abstract", measure = "g2", stopwords = stopwords}):filter(without_labels)
  md:table(keyness:head(top))
  report.csv("keyness.csv", keyness)
else
  md:paragraph("The corpus does not span two periods around " .. split .. "; no comparison was made.")
  report.csv("keyness.csv", {"term", "count_a", "count_b", "score", "p"}, {})
end

report.csv("terms.csv", terms)
report.csv("bigrams.csv", bigrams)
report.csv("distinctive.csv", distinctive)
