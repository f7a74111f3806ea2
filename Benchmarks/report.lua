-- report.lua: the benchmark report, computed by the engine. The same report is written in plain
-- Lua (plain/report.lua, run by lua5.4) and in Python (plain/report.py); Benchmarks/run checks
-- that the three write byte-identical CSV files and times them.
report.csv("years.csv", corpus:count_by("year"))
report.csv("terms.csv", corpus:terms{field = "abstract", top = 100, stopwords = "en"})
report.csv("bigrams.csv", corpus:terms{field = "abstract", ngram = 2, top = 100, stopwords = "en"})
report.csv("reference_years.csv", corpus:count_by("references.year"))
report.csv("reference_languages.csv", corpus:count_by("references.language"))
report.csv("keyword_pairs.csv", corpus:cooccurrence{field = "keywords", top = 50, max_items = 10000000})
report.csv("reference_authors.csv", corpus:count_by("references.authors", {top = 20}))
