---@meta scriptorium
-- Scriptorium Lua API: type definitions for lua-language-server, generated from the engine's
-- registry (`scriptorium docs --types`); do not edit by hand. `.luarc.json` points the editor here.

---@class Document
---@field id string identifier (the record's file name, or the source's own identifier)
---@field title string title
---@field authors Author[] authors in order: {name, family, given, initials, key, orcid, id, affiliations, countries}
---@field affiliations string[] affiliations as written
---@field addresses Address[] affiliations with their authors and parts: {address, authors, institution, subunits, city, postal_code, country, country_name, country_by}; `authors` the authors' positions (from 1), `institution` the top-level organisation, `country` an ISO 3166-1 alpha-2 code and `country_by` how it was found ("name", "region": a US state or a Canadian or Chinese province, "email")
---@field countries string[] the countries of its addresses, ISO 3166-1 alpha-2 codes, each once, in the order of the addresses
---@field abstract? string abstract's full text, markup removed
---@field sections Section[] labelled parts of a structured abstract: {label, text}
---@field doi? string DOI, without the resolver prefix
---@field year? integer publication year (from the record, else from a year inside the DOI)
---@field keywords string[] author keywords (the source's indexing terms are `index_terms`)
---@field references Reference[] reference list, in order
---@field language? string ISO 639-1 language code, given or guessed from the text
---@field journal? string journal, proceedings or book it appeared in
---@field citations? integer times cited, as the source counts them (Web of Science TC, Scopus, Crossref, OpenAlex)
---@field cited_by integer how many documents of the loaded corpus cite it (local citations)
---@field source Source where the record was read: {path, line}
---@field sources Source[] every record of it that was read, when duplicates were merged: {path, line}, the first being `source`
---@field type? string document type, one of article, review, conference_paper, book, book_chapter, editorial, letter, note, erratum, retraction, preprint, thesis, report, dataset, other
---@field type_label? string document type as the source labels it ("Article; Proceedings Paper", "Journal Article")
---@field index_terms string[] indexing terms given by the database: Keywords Plus, Scopus index keywords, MeSH descriptors, OpenAlex topics
---@field mesh string[] MeSH headings in MEDLINE's notation: "*Descriptor/qualifier/*qualifier" (a star marks a major topic)
---@field categories string[] subject categories (Web of Science WC and SC, Scopus subject areas, Crossref subjects)
---@field editors string[] editors, as "Family, Given" or "Family I."
---@field volume? string volume of the journal or series
---@field issue? string issue (number)
---@field pages? string pages ("8574-8583") or article number
---@field issn string[] ISSNs of the journal, print first
---@field publisher? string publisher
---@field funding string[] funding agencies and grants as written
---@field corresponding? {name: string?, address: string?} the corresponding author: {name, address} as written, and the address's country (ISO 3166-1 alpha-2)

---@class Reference
---@field number? integer number in the list, when numbered
---@field text string the reference as written
---@field authors Author[] authors: {name, family, given, initials, key}
---@field et_al boolean true when the author list ends in "et al." (or "и др.", "u. a."): more authors than it names
---@field title? string title of the cited work
---@field container? string journal, book or series the work appeared in
---@field container_key? string the container in one form however it is written: its words abbreviated as ISO 4 does, lower case ("J POLYM SCI", "J. Polym. Sci." and "Journal of Polymer Science" are all "j polym sci")
---@field year? integer publication year, where the reference's style puts it (never a page, a volume or an access date)
---@field year_suffix? string the letter after the year that tells apart one author's works of a year ("2015a" gives "a")
---@field volume? string volume
---@field issue? string issue (number)
---@field pages? string pages as written
---@field first_page? string first page ("P8574" and "pp. 8574-83" give 8574)
---@field last_page? string last page, written in full ("1687-90" gives 1690); the first page when the reference gives one page
---@field doi? string DOI
---@field url? string the first URL the reference gives
---@field key string the cited work's key, one for every reference to it however it is written: "doi:..." (a reference without a DOI takes the DOI another reference to the same work gives), else "family|year|source initial|volume|first page" ("bai|2015|m|48|8574") or "family|year|title words"
---@field language? string ISO 639-1 code of its language (from its note, or its script)
---@field language_note? string the language note as written, such as "In Russ."
---@field self_citation boolean true when it shares an author with the citing document
---@field target? Document the document of the loaded corpus it cites (matched by DOI, else first author, year and title or source), or nil

---@class Table
---@field columns string[] the column names, in order
---@field [integer] table<string, any>
---@operator len: integer
Table = {}

---iterates the rows as tables keyed by column name
---
---```lua
---for row in t:rows() do print(row.year, row.count) end
---```
---@return fun(): table
function Table:rows() end

---a copy sorted by a column; ties ordered by the other columns, ascending
---
---```lua
---local t = corpus:count_by("year"):sort("year", "asc")
---```
---@param column string
---@param order? "asc"|"desc"
---@return Table
function Table:sort(column, order) end

---a copy with the first n rows
---
---```lua
---local top10 = corpus:count_by("keywords"):head(10)
---```
---@param n integer
---@return Table
function Table:head(n) end

---the values of one column, as an array
---
---```lua
---local counts = corpus:count_by("year"):column("count")
---```
---@param name string
---@return any[]
function Table:column(name) end

---a copy with the rows for which the function returns true
---
---```lua
---local big = t:filter(function(row) return row.count >= 5 end)
---```
---@param predicate fun(row: table): boolean
---@return Table
function Table:filter(predicate) end

---a copy with columns renamed: t:rename{a = "keyword", b = "year"}
---
---```lua
---local t = corpus:crosstab("year", "language"):rename{a = "year", b = "language"}
---```
---@param mapping table<string, string>
---@return Table
function Table:rename(mapping) end

---a copy with only the given columns, in that order: t:select{"keywords", "count"}
---
---```lua
---local slim = corpus:count_by("keywords", {variants = true}):select{"keywords", "count"}
---```
---@param columns string[]
---@return Table
function Table:select(columns) end

---rows of both tables that agree on a column (inner join); the other's clashing names get "_2"
---
---```lua
---local both = by_year:join(cited_by_year, "year")
---```
---@param other Table
---@param column string
---@return Table
function Table:join(other, column) end

---one row per value of a column with aggregates such as {n = "count", total = "sum:count"} (also mean:, min:, max:); named columns in name order, or give an array of {name, aggregate} pairs to set the order
---
---```lua
---local t = pairs_table:group("a", {n = "count", total = "sum:count"})
---```
---@param column string
---@param aggregates table<string, string>
---@return Table
function Table:group(column, aggregates) end

---builds a Table; rows are arrays in column order or tables keyed by column name
---
---```lua
---local t = Table.new{columns = {"name", "n"}, rows = {{"a", 1}, {name = "b", n = 2}}}
---```
---@param spec {columns: string[], rows: table[]}
---@return Table
function Table.new(spec) end

---@class Corpus
---@field [integer] Document
---@operator len: integer
local Corpus = {}

---accumulates over the documents in order: starts from `init` (a value, or a function making one), calls `step(acc, doc)` for each document (its result, when not nil, is the new accumulator), and returns the accumulator; a sharded run folds each shard apart and joins the parts with `merge(a, b)` (a's documents come before b's), so `merge` must give what one fold over both would; the accumulator holds nil, booleans, numbers, strings and tables of them
---
---```lua
---local refs = corpus:fold{init = 0, step = function(n, doc) return n + #doc.references end, merge = function(a, b) return a + b end}
---```
---@param spec {init: any, step: function, merge: function}
---@return any
function Corpus:fold(spec) end

---iterates the documents in order: `for doc in corpus:documents() do ... end`
---
---```lua
---for doc in corpus:documents() do print(doc.title) end
---```
---@return fun(): Document
function Corpus:documents() end

---how many documents have each value of a field (references, for `references.*` fields), most frequent first; `normalize`, `stem` and `thesaurus` merge spellings (shown by the most frequent), `variants = true` adds a column listing them
---
---```lua
---local years = corpus:count_by("year"):sort("year")  -- year, count
---```
---@param field string
---@param options? {top?: integer, min_count?: integer, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false, variants?: boolean}
---@return Table
function Corpus:count_by(field, options) end

---each author identity with the forms it was found under ("Kostoff, RN" and "Kostoff, Ronald N." are one person): key, name, forms, documents; most documents first
---
---```lua
---for row in corpus:author_forms():head(10):rows() do print(row.name, row.forms) end
---```
---@return Table
function Corpus:author_forms() end

---how many documents (references, when a field is a reference field) have each pair of values: a, b, count; `normalize`, `stem` and `thesaurus` merge spellings as count_by does
---
---```lua
---local t = corpus:crosstab("year", "language")  -- a, b, count
---```
---@param field_a string
---@param field_b string
---@param options? {normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:crosstab(field_a, field_b, options) end

---term frequencies of a text field: term, count, documents; n-grams never contain a stopword; `normalize`, `stem` and `thesaurus` merge spellings (shown by the most frequent)
---
---```lua
---local t = corpus:terms{field = "abstract", top = 50, ngram = 2, stopwords = "en"}
---```
---@param options {field: string, top?: integer, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:terms(options) end

---documents holding each pair of keywords, authors, cited containers or terms: a, b, count; `normalize`, `stem` and `thesaurus` merge spellings first
---
---```lua
---local pairs = corpus:cooccurrence{field = "keywords", top = 50}  -- a, b, count
---```
---@param options {field: string, top?: integer, min_count?: integer, max_items?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:cooccurrence(options) end

---the terms that characterise each document (count × log10(N / documents with the term)): id, term, score
---
---```lua
---local t = corpus:tfidf{field = "abstract", top = 5}  -- id, term, score
---```
---@param options {field: string, top?: integer, ngram?: integer, stopwords?: string|string[]|false}
---@return Table
function Corpus:tfidf(options) end

---terms that distinguish this corpus from another: term, count_a, count_b, score, p (G2 with Williams' or chi2 with Yates' correction)
---
---```lua
---local t = corpus:where{year = {2020, 2025}}:keyness(corpus:where{year = {2000, 2019}}, {field = "abstract"})
---```
---@param other Corpus
---@param options {field: string, measure?: "g2"|"chi2", top?: integer, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false}
---@return Table
function Corpus:keyness(other, options) end

---each occurrence of a word or phrase with the words around it: id, left, match, right
---
---```lua
---local lines = corpus:kwic("tea trade", {window = 5, limit = 100})
---```
---@param pattern string
---@param options? {field?: string, window?: integer, limit?: integer}
---@return Table
function Corpus:kwic(pattern, options) end

---documents most cited by the corpus's own documents: id, title, year, cited_by (local citations), citations (as the source counts them)
---
---```lua
---local t = corpus:most_cited{top = 10}
---```
---@param options? {top?: integer}
---@return Table
function Corpus:most_cited(options) end

---each author's documents, counted in full and fractionally (1/k for a document with k authors): author, documents, fractional
---
---```lua
---local t = corpus:author_production{top = 20}  -- author, documents, fractional
---```
---@param options? {top?: integer}
---@return Table
function Corpus:author_production(options) end

---references by age when cited (citing year minus cited year; in-press references count as 0): age, count
---
---```lua
---local ages = corpus:reference_ages()  -- age, count
---```
---@return Table
function Corpus:reference_ages() end

---production by country, from the countries of the addresses: country (ISO 3166-1 code), name, documents (full counting), fractional (each document's unit shared among its authors, an author's share among its countries), scp and mcp (documents whose corresponding author, else first author, is in the country, with one country or several), mcp_share, citations, citations_per_document; most documents first
---
---```lua
---for row in corpus:countries():head(10):rows() do print(row.country, row.name, row.documents, row.scp, row.mcp) end
---```
---@return Table
function Corpus:countries() end

---impact of each author, source, institution, country or document: its name, documents, citations, citations_per_document, citations_per_year, h_index, g_index, m_index, first_year, mncs (mean of its documents' citations over their year's mean); `year` is the reference year (default the corpus's latest), `citations` the database's counts (global) or the corpus's own (local); highest h first
---
---```lua
---local authors = corpus:impact{unit = "authors", year = 2024, top = 20}  -- author, documents, citations, h_index, g_index, m_index, ...
---```
---@param options {unit: "authors"|"sources"|"institutions"|"countries"|"documents", year?: integer, citations?: "global"|"local", top?: integer, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:impact(options) end

---a bibliographic network built in compiled code: coauthorship (unit authors, institutions, countries), cooccurrence (keywords, index_terms, terms of `field`), cocitation (references by their key, authors, sources), coupling (documents, authors, sources, institutions, countries), citation (documents); counting full or fractional; links lighter than min_weight dropped, then the top nodes by occurrences kept
---
---```lua
---local net = corpus:network{kind = "cooccurrence", unit = "keywords", normalize = true, top = 100}
---```
---@param options {kind: "coauthorship"|"cooccurrence"|"cocitation"|"coupling"|"citation", unit?: string, counting?: "full"|"fractional", min_weight?: number, top?: integer, min_occurrences?: integer, field?: string, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Network
function Corpus:network(options) end

---each value of a field (keywords by default; a text field such as "abstract" gives its terms, English stopwords left out) with at least min_count documents (5) and the quartiles of its documents' years: term, documents, year_q1, year_median, year_q3; earliest median first
---
---```lua
---local trends = corpus:trend_topics{field = "keywords", min_count = 5, normalize = true}
---```
---@param options? {field?: string, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:trend_topics(options) end

---bursts of a field's values over the years (keywords by default; "references.key" for cited works; a text field such as "title" for its terms), by Kleinberg's two-state automaton: the burst state `scale` (2) times the base rate, entering it costing gamma (1, CiteSpace's γ) × ln(years): term, begin, end, strength; strongest first
---
---```lua
---local bursts = corpus:bursts{field = "references.key", gamma = 1}
---```
---@param options? {field?: string, min_count?: integer, gamma?: number, scale?: number, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: "english"|"russian", thesaurus?: table|false}
---@return Table
function Corpus:bursts(options) end

---production by top-level institution (abbreviated and full names as one): institution, documents (full counting), fractional (each document's unit shared among its authors, an author's share among its institutions), citations, citations_per_document; most documents first
---
---```lua
---for row in corpus:institutions{top = 10}:rows() do print(row.institution, row.documents, row.fractional) end
---```
---@param options? {top?: integer}
---@return Table
function Corpus:institutions(options) end

---authorship figures: {documents (with authors), single_authored, multi_authored, authors_per_document, collaboration_index, with_country (documents with an address in a country), international (with addresses in two countries or more), international_share}
---
---```lua
---print(corpus:collaboration().collaboration_index)
---```
---@return Collaboration
function Corpus:collaboration() end

---the documents meeting every condition, as a sub-corpus (filtered in Swift); any other countable field (`type`, `index_terms`, `categories`, ...) given a value or a list of values keeps the documents having one of them
---
---```lua
---local recent = corpus:where{year = {2015, 2020}, language = "en", type = {"article", "review"}}
---```
---@param conditions {year?: integer|{integer?, integer?}, language?: string, keyword?: string, author?: string, type?: string|string[], type_label?: string|string[], index_terms?: string|string[], categories?: string|string[], issn?: string|string[], publisher?: string|string[], funding?: string|string[]}
---@return Corpus
function Corpus:where(conditions) end

---the documents for which the function returns true, as a sub-corpus
---
---```lua
---local long = corpus:filter(function(doc) return #doc.references > 30 end)
---```
---@param predicate fun(doc: Document): boolean
---@return Corpus
function Corpus:filter(predicate) end

---the documents added since the scheduled job's last successful run, as a sub-corpus (all of them when there was none)
---
---```lua
---print(#corpus:since_last_run() .. " new documents")
---```
---@return Corpus
function Corpus:since_last_run() end

---a sub-corpus for each value of a field, in a table keyed by the value
---
---```lua
---for year, sub in pairs(corpus:split_by("year")) do print(year, #sub) end
---```
---@param field string
---@return table<string|integer, Corpus>
function Corpus:split_by(field) end

---@class Network
Network = {}

---one row a node: node (its label), occurrences, links (VOSviewer's Links), strength (Total link strength), the attributes (year: mean publication year), and cluster, x, y once clustered and laid out
---
---```lua
---for row in net:nodes():rows() do print(row.node, row.occurrences, row.links, row.strength) end
---```
---@return Table
function Network:nodes() end

---one row a link: a, b (the labels), weight; strongest first
---
---```lua
---report.csv("links.csv", net:edges())
---```
---@return Table
function Network:edges() end

---the network with its link weights normalised: association strength (VOSviewer's, 2m·a_ij/(k_i·k_j) with k the total link strength), cosine, Jaccard, inclusion or equivalence (with the nodes' occurrences)
---
---```lua
---local similar = net:normalize("association")
---```
---@param method "association"|"cosine"|"jaccard"|"inclusion"|"equivalence"
---@return Network
function Network:normalize(method) end

---the network with links lighter than min_weight dropped, then the top nodes by occurrences, then nodes under min_occurrences, and nodes left without links when drop_isolated
---
---```lua
---local core = net:filter{min_weight = 2, top = 100, drop_isolated = true}
---```
---@param options {min_weight?: number, top?: integer, min_occurrences?: number, drop_isolated?: boolean}
---@return Network
function Network:filter(options) end

---one row a node: node, links, strength, betweenness (normalised; exact up to 5,000 nodes, else from `samples` sources, 500 by default, drawn with `seed`), closeness, pagerank, eigenvector, component (numbered by size, largest first), clustering (local coefficient); closeness and clustering are left empty above 20,000 nodes, where they cost hours
---
---```lua
---local c = net:centrality():sort("betweenness", "desc"):head(10)
---```
---@param options? {samples?: integer, seed?: integer}
---@return Table
function Network:centrality(options) end

---the whole network's figures: {nodes, links, total_weight, density, components, largest_component, clusters?, quality?}; clustering = true adds transitivity and average_clustering (they count triangles, which takes long on dense networks)
---
---```lua
---local s = net:summary{clustering = true} print(s.nodes, s.links, s.density, s.components, s.transitivity)
---```
---@param options? {clustering?: boolean}
---@return NetworkSummary
function Network:summary(options) end

---clusters the nodes (Leiden by default, with its refinement; Louvain without) for modularity or the constant Potts model at a resolution, deterministic for a seed, on the link weights or on their normalisation (normalize = "association" clusters as VOSviewer does); clusters smaller than min_size join the cluster they are most linked to; returns node, cluster (1 = the largest) and, second, the partition's quality
---
---```lua
---local clusters, quality = net:cluster{method = "leiden", resolution = 1.0, seed = 42}
---```
---@param options? {method?: "leiden"|"louvain", quality?: "modularity"|"cpm", resolution?: number, seed?: integer, iterations?: integer, min_size?: integer, normalize?: string}
---@return Table
function Network:cluster(options) end

---places the nodes by the VOS mapping technique on the association-strength similarities (normalize = false uses the weights as they are), deterministic for a seed: node, x, y
---
---```lua
---local positions = net:layout{seed = 0}  -- node, x, y
---```
---@param options? {seed?: integer, normalize?: string|false}
---@return Table
function Network:layout(options) end

---each cluster of a co-occurrence network placed by Callon's centrality (10 × the equivalence indices of its links to other clusters) and density (100 × those of its inner links, over its nodes), with its quadrant: motor, basic, niche, emerging or declining (bibliometrix's thematic map); clusters the network first if it is not: cluster, label, nodes, occurrences, centrality, density, quadrant
---
---```lua
---local themes = corpus:network{kind = "cooccurrence", unit = "keywords", top = 250}:thematic_map()
---```
---@return Table
function Network:thematic_map() end

---the documents behind a node, or behind the link between two nodes, as a sub-corpus: for co-authorship, co-occurrence and co-citation those holding both; for coupling and citation those of either end
---
---```lua
---for doc in net:documents("bit patterned media", "magnetic recording"):documents() do print(doc.title) end
---```
---@param a string
---@param b? string
---@return Corpus
function Network:documents(a, b) end

---a network from a Table with columns a, b and optionally weight (default 1): nodes are the values of a and b in order of appearance; links given twice add up
---
---```lua
---local net = Network.new{edges = corpus:cooccurrence{field = "countries"}:rename{count = "weight"}}
---```
---@param spec {edges: Table}
---@return Network
function Network.new(spec) end

---@class MarkdownDocument
local MarkdownDocument = {}

---adds a map of a network as an SVG file beside the document: nodes at their VOS layout positions (computed if the network has none), sized by occurrences, coloured by cluster (clustered with Leiden if it is not), links drawn lightly, labels of the largest nodes where they do not overlap; mode = "overlay" colours by an attribute (overlay, default "year"), "density" draws a density view
---
---```lua
---md:network_map{network = net, title = "Keyword map", mode = "overlay", overlay = "year"}
---```
---@param spec {network: Network, title?: string, mode?: "network"|"overlay"|"density", overlay?: string, labels?: integer, links?: integer, seed?: integer, file?: string}
---@return MarkdownDocument
function MarkdownDocument:network_map(spec) end

---adds a heading of level 1 to 6
---
---```lua
---md:heading(2, "Documents per year")
---```
---@param level integer
---@param text string
---@return MarkdownDocument
function MarkdownDocument:heading(level, text) end

---adds a paragraph of plain text (escaped: it renders as written)
---
---```lua
---md:paragraph(#corpus .. " documents")
---```
---@param text string
---@return MarkdownDocument
function MarkdownDocument:paragraph(text) end

---adds a bulleted list, or a numbered one when ordered is true
---
---```lua
---md:list({"first", "second"}, true)
---```
---@param items string[]
---@param ordered? boolean
---@return MarkdownDocument
function MarkdownDocument:list(items, ordered) end

---adds a table: a Table, or a header and rows; numeric columns are right-aligned
---
---```lua
---md:table(corpus:count_by("year"):sort("year"))
---```
---@param table_or_header Table|string[]
---@param rows? table[]
---@return MarkdownDocument
function MarkdownDocument:table(table_or_header, rows) end

---adds a fenced code block
---
---```lua
---md:code("scriptorium run overview.lua", "sh")
---```
---@param text string
---@param language? string
---@return MarkdownDocument
function MarkdownDocument:code(text, language) end

---adds a paragraph holding a link
---
---```lua
---md:link("the DOI", "https://doi.org/" .. doc.doi)
---```
---@param text string
---@param url string
---@return MarkdownDocument
function MarkdownDocument:link(text, url) end

---adds a chart: writes an SVG file beside the document and links it with the title as alt text; spec: table, x, y (a column or a list of columns), kind ("bar", "line", "histogram", "scatter", "heatmap", "map": a world map with x the ISO 3166-1 country codes and y the values), title, xlabel, ylabel, value (heatmap cells, default "count"), bins (histogram), file
---
---```lua
---md:chart{table = years, x = "year", y = "count", kind = "bar", title = "Documents per year"}
---```
---@param spec ChartSpec
---@return MarkdownDocument
function MarkdownDocument:chart(spec) end

---adds raw Markdown as it is (not escaped)
---
---```lua
---md:markdown("> A note written in Markdown.")
---```
---@param text string
---@return MarkdownDocument
function MarkdownDocument:markdown(text) end

---@class reportlib
report = {}

---starts a Markdown file in the output folder, written when the script ends; a front block gives its title (default: the first heading), the date, the corpus and the script (front = false leaves it out); toc = true adds a table of contents
---
---```lua
---local md = report.markdown("overview.md", {toc = true})
---```
---@param name string
---@param options? {title: string?, toc: boolean?, front: boolean?}
---@return MarkdownDocument
function report.markdown(name, options) end

---writes a CSV file (RFC 4180, UTF-8) from a Table, or from a header and rows; options: bom = true starts it with a byte order mark, separator = ";" or "\t"
---
---```lua
---report.csv("years.csv", corpus:count_by("year"), {bom = true, separator = ";"})
---```
---@param name string
---@param table_or_header Table|string[]
---@param rows? table[]
---@param options? {bom: boolean?, separator: string?}
function report.csv(name, table_or_header, rows, options) end

---writes a network for the tools that show networks: VOSviewer's map and network files (name_map.txt, name_network.txt), Pajek (name.net), GraphML (name.graphml) or GEXF (name.gexf), with clusters and positions when it has them; `name` without its extension
---
---```lua
---report.network("keywords", net, {format = "vosviewer"})  -- keywords_map.txt, keywords_network.txt
---```
---@param name string
---@param network Network
---@param options? {format?: "vosviewer"|"pajek"|"graphml"|"gexf"}
function report.network(name, network, options) end

---writes a JSON file: a Table as an array of row objects, a Lua table as an array (keys 1..n) or an object (string keys, sorted)
---
---```lua
---report.json("years.json", corpus:count_by("year"))
---```
---@param name string
---@param value Table|table|string|number|boolean
function report.json(name, value) end

---writes a chart as an SVG file; spec as for MarkdownDocument:chart (table, x, y, kind, title, xlabel, ylabel, value, bins)
---
---```lua
---report.svg("years.svg", {table = corpus:count_by("year"):sort("year"), x = "year", y = "count", kind = "line"})
---```
---@param name string
---@param spec ChartSpec
function report.svg(name, spec) end

---@class statslib
stats = {}

---the arithmetic mean; nil for no values
---
---```lua
---print(stats.mean(corpus:count_by("year"), "count"))
---```
---@param values number[]|Table
---@param column? string
---@return number?
function stats.mean(values, column) end

---the median; nil for no values
---
---```lua
---print(stats.median({3, 1, 2}))  -- 2
---```
---@param values number[]|Table
---@param column? string
---@return number?
function stats.median(values, column) end

---the sample standard deviation (n - 1); nil for fewer than two values
---
---```lua
---print(stats.stdev({2, 4, 4, 4, 5, 5, 7, 9}))
---```
---@param values number[]|Table
---@param column? string
---@return number?
function stats.stdev(values, column) end

---the q-quantile (0 to 1), interpolated between order statistics as R's default does
---
---```lua
---print(stats.quantile({1, 2, 3, 4}, 0.75))
---```
---@param values number[]|Table
---@param q number
---@param column? string
---@return number?
function stats.quantile(values, q, column) end

---counts in equal-width bins from the minimum to the maximum: bin_start, bin_end, count
---
---```lua
---local h = stats.histogram(corpus:reference_ages(), 10, "age")
---```
---@param values number[]|Table
---@param bins integer
---@param column? string
---@return Table
function stats.histogram(values, bins, column) end

---Pearson's correlation of two arrays of equal length
---
---```lua
---print(stats.correlation({1, 2, 3}, {2, 4, 7}))
---```
---@param x number[]
---@param y number[]
---@return number?
function stats.correlation(x, y) end

---@class bibliometricslib
bibliometrics = {}

---compound annual growth rate in percent from the first to the last year of a year/count Table (columns default to year and count); nil when it cannot be computed
---
---```lua
---print(bibliometrics.growth_rate(corpus:count_by("year")))
---```
---@param table Table
---@param year_column? string
---@param count_column? string
---@return number?
function bibliometrics.growth_rate(table, year_column, count_column) end

---Lotka's law fitted to a Table of authors' document counts (column default documents): {beta, constant, r_squared, ks_distance, p_value, table = Table of documents, authors, observed, expected}; nil with fewer than two productivity levels
---
---```lua
---local fit = bibliometrics.lotka(corpus:author_production())
---```
---@param table Table
---@param column? string
---@return LotkaFit?
function bibliometrics.lotka(table, column) end

---Bradford's zones of a Table of sources and document counts (the first column and count by default): rank, source, count, cumulative, zone (1 to 3, about a third of the documents each)
---
---```lua
---local zones = bibliometrics.bradford(corpus:count_by("journal"))
---```
---@param table Table
---@param source_column? string
---@param count_column? string
---@return Table
function bibliometrics.bradford(table, source_column, count_column) end

---the share (0 to 1) of references at most window (default 5) years old when cited, from corpus:reference_ages()
---
---```lua
---print(bibliometrics.price_index(corpus:reference_ages()))
---```
---@param ages Table
---@param window? integer
---@return number?
function bibliometrics.price_index(ages, window) end

---reference publication year spectroscopy from a year/count Table such as corpus:count_by("references.year"): year, count, median (of the five years around it), deviation (count − median)
---
---```lua
---local t = bibliometrics.rpys(corpus:count_by("references.year"), {from = 1900})
---```
---@param table Table
---@param options? {from?: integer, to?: integer}
---@return Table
function bibliometrics.rpys(table, options) end

---@class Author
---@field name string the name as written
---@field family string family name
---@field given? string given names, when the source gives them in full
---@field initials string initials, such as "P.N."
---@field key string the key that identifies the person across spellings: "dudin, p.n."; an initials-only form that fits exactly one full form of the corpus takes its key
---@field orcid? string ORCID iD ("0000-0002-1825-0097"), a document's author only, when the source gives it
---@field id? string the source's own identifier of the person (Scopus author id, OpenAlex author), a document's author only
---@field affiliations? integer[] a document's author only: the positions (from 1) of its affiliations in `document.addresses`
---@field countries? string[] a document's author only: the countries of its affiliations, ISO 3166-1 alpha-2 codes, each once

---@class Address
---@field address string the affiliation as written
---@field authors integer[] the positions (from 1) of the document's authors it belongs to; empty when the source does not say

---@class Section
---@field label string the label of a structured abstract's part, such as "Goals"
---@field text string the part's text

---@class Source
---@field path string the file the record was read from
---@field line integer the line where the record starts

---@class Collaboration
---@field documents integer documents with authors
---@field single_authored integer documents with one author
---@field multi_authored integer documents with several authors
---@field authors_per_document? number mean number of authors of a document
---@field collaboration_index? number authors of multi-authored documents per multi-authored document
---@field with_country integer documents with an address in a country
---@field international integer documents with addresses in two countries or more (international co-authorship)
---@field international_share number international / with_country

---@class NetworkSummary
---@field nodes integer nodes
---@field links integer links (self-loops not counted)
---@field total_weight number the sum of the links' weights
---@field density number links over possible links
---@field components integer connected components
---@field largest_component integer nodes of the largest component
---@field transitivity? number three times the triangles over the connected triples (with clustering = true)
---@field average_clustering? number the mean of the nodes' clustering coefficients (with clustering = true)
---@field clusters? integer clusters, once clustered
---@field quality? number the partition's quality (modularity or CPM), once clustered

---@class LotkaFit
---@field beta number the exponent of Lotka's law
---@field constant number the share of authors with one document
---@field r_squared number goodness of the log-log fit
---@field ks_distance number Kolmogorov-Smirnov distance between observed and expected
---@field p_value number the test's p-value
---@field table Table documents, authors, observed, expected

---@class RunInfo
---@field job? string the scheduled job's name, or nil for a run by hand
---@field previous? PreviousRun the job's last successful run, or nil

---@class PreviousRun
---@field time string when it ran (ISO 8601, UTC)
---@field documents integer how many documents it saw
---@field fingerprint string the corpus fingerprint it saw

---@class ChartSpec
---@field table Table the data
---@field x string the column along the x axis
---@field y string|string[] the column (or columns, drawn as series with a legend) along the y axis
---@field kind? ("bar"|"line"|"histogram"|"scatter"|"heatmap"|"map") the kind of chart (default bar; map: a world map, x the ISO 3166-1 country codes)
---@field title? string the title, also the alt text of the image
---@field xlabel? string the x axis label
---@field ylabel? string the y axis label
---@field value? string a heatmap's cell column (default count)
---@field bins? integer a histogram's bins
---@field file? string the SVG file's name (default from the title)

---the corpus the script runs on
---@type Corpus
corpus = nil

---read-only parameters: the --param KEY=VALUE strings, or a described script's declared parameters in their types
---@type table<string, any>
params = nil

---this run: {job (the scheduled job's name, or nil), previous = {time (ISO 8601, UTC), documents, fingerprint} of the job's last successful run, or nil}
---@type RunInfo
run = nil
