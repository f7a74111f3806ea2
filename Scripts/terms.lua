-- terms.lua: the vocabulary of the abstracts: the most frequent terms and two-word phrases, the
-- terms that characterise each document and each period (tf-idf), and the terms that distinguish
-- one period from another (keyness, log-likelihood G2).
--
-- Outputs: terms.md (with a chart), terms.csv, bigrams.csv, distinctive.csv, periods.csv,
--   keyness.csv.
--
-- Parameters: `scriptorium run Scripts/terms.lua --help`.

local common = require("common")
local text = require("text")

return {
  description = "The vocabulary of the abstracts: frequent terms and phrases, tf-idf by document and period, and keyness between periods",
  params = {
    { name = "top", type = "integer", default = 30, help = "rows in each table of terms.md" },
    { name = "period", type = "integer", default = 5, help = "length in years of the periods whose distinctive terms are shown" },
    { name = "a", type = "string", help = "first period compared by keyness, such as 2000-2009 (with b)" },
    { name = "b", type = "string", help = "second period compared by keyness, such as 2010-2019 (with a)" },
    { name = "split", type = "integer", help = "instead of a and b: documents before this year against the others" },
    { name = "stopwords", type = "string", default = "en", help = "built-in stopword list (en, ru), or none" },
  },
  outputs = { "terms.md", "keyness.csv", "terms.csv", "bigrams.csv", "distinctive.csv", "periods.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    local period = common.at_least(params, "period", 1)
    local stopwords = params.stopwords
    if stopwords == "none" then stopwords = false end

    -- "2000-2009" (or "2000–2009", or one year) as its first and last year.
    local function years_of(name)
      local value = params[name]
      local from, to = value:match("^%s*(%d+)%s*[-–]%s*(%d+)%s*$")
      if not from then from = value:match("^%s*(%d+)%s*$"); to = from end
      if not from then error(string.format("parameter '%s' must be a year or a range such as 2000-2009, got '%s'", name, value), 0) end
      return math.tointeger(tonumber(from)), math.tointeger(tonumber(to))
    end

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

    -- Every document's year, in order (from the counts per year, so that a sharded run can make it).
    local years = {}
    for row in corpus:count_by("year"):sort("year"):rows() do
      for _ = 1, row.count do years[#years + 1] = row.year end
    end

    -- The two periods compared.
    local earlier, later, label_a, label_b
    if params.a or params.b then
      if not (params.a and params.b) then error("parameters 'a' and 'b' go together: give both periods", 0) end
      local a1, a2 = years_of("a")
      local b1, b2 = years_of("b")
      earlier, later = corpus:where{ year = { a1, a2 } }, corpus:where{ year = { b1, b2 } }
      label_a, label_b = params.a, params.b
    else
      local split = params.split or math.floor(stats.median(years) or 0)
      earlier, later = corpus:where{ year = { nil, split - 1 } }, corpus:where{ year = { split, nil } }
      label_a, label_b = "before " .. split, "from " .. split .. " on"
    end

    -- Distinctive terms of each period: a period's term count times log10(periods / periods using it).
    local first_year, last_year = stats.quantile(years, 0) or 0, stats.quantile(years, 1) or -1
    local period_terms, used_in, period_names = {}, {}, {}
    for from = math.floor(first_year), math.floor(last_year), period do
      local to = math.min(from + period - 1, math.floor(last_year))
      local name = from == to and tostring(from) or (from .. "–" .. to)
      local counts = corpus:where{ year = { from, to } }:terms{ field = "abstract", stopwords = stopwords, top = 500 }:filter(without_labels)
      period_names[#period_names + 1] = name
      period_terms[name] = counts
      for row in counts:rows() do used_in[row.term] = (used_in[row.term] or 0) + 1 end
    end
    local period_rows = {}
    for _, name in ipairs(period_names) do
      local scored = {}
      for row in period_terms[name]:rows() do
        scored[#scored + 1] = { name, row.term, row.count, row.count * math.log(#period_names / used_in[row.term], 10) }
      end
      table.sort(scored, function(x, y) if x[4] ~= y[4] then return x[4] > y[4] end return x[2] < y[2] end)
      for i = 1, math.min(10, #scored) do
        if scored[i][4] > 0 then period_rows[#period_rows + 1] = { scored[i][1], scored[i][2], scored[i][3], math.floor(scored[i][4] * 1000 + 0.5) / 1000 } end
      end
    end
    local periods = Table.new{ columns = { "period", "term", "count", "tfidf" }, rows = period_rows }

    local md = report.markdown("terms.md")
    md:heading(1, "Terms of the abstracts")
    md:paragraph(string.format("%d documents; %d distinct terms, %d distinct two-word phrases.", #corpus, #terms, #bigrams))
    md:heading(2, "Most frequent terms")
    if #terms > 0 then
      md:chart{ table = terms:head(20), x = "term", y = "count", title = "Most frequent terms of the abstracts", ylabel = "occurrences" }
    end
    md:table(terms:head(top))
    md:heading(2, "Most frequent two-word phrases")
    md:table(bigrams:head(top))
    md:heading(2, "Distinctive terms of each period")
    if #period_names > 1 then
      md:paragraph(string.format("Periods of %d years; a term's score is its count in the period times log10(periods / periods using it).", period))
      md:table(periods)
    else
      md:paragraph("The corpus spans a single period; there is nothing to set its terms against.")
    end
    md:heading(2, "Terms that distinguish two periods")
    if #earlier > 0 and #later > 0 then
      md:paragraph(string.format("%s: %d documents; %s: %d documents. A positive score marks a term more frequent %s (log-likelihood G2).",
        label_a, #earlier, label_b, #later, label_a))
      local keyness = earlier:keyness(later, {field = "abstract", measure = "g2", stopwords = stopwords}):filter(without_labels)
      md:table(keyness:head(top))
      report.csv("keyness.csv", keyness)
    else
      md:paragraph(string.format("%s holds %d documents and %s %d; no comparison was made.", label_a, #earlier, label_b, #later))
      report.csv("keyness.csv", {"term", "count_a", "count_b", "score", "p"}, {})
    end

    report.csv("terms.csv", terms)
    report.csv("bigrams.csv", bigrams)
    report.csv("distinctive.csv", distinctive)
    report.csv("periods.csv", periods)
  end,
}
