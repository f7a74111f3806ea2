-- countries.lua: who writes the corpus, where: production by country (documents in full and
-- fractional counting), the corresponding author's country with single- and multiple-country
-- publications (SCP, MCP), the share of documents written across countries, citations by
-- country on a world map, the pairs of countries that write together, and the institutions that
-- produce most (full and fractional counting) with their pairs. Countries are ISO 3166-1 codes
-- found from the addresses (see `doc.addresses`).
--
-- Outputs: countries.md (with charts), countries.csv, collaboration.csv, institutions.csv,
--   institution_pairs.csv.
--
-- Parameters: `scriptorium run Scripts/countries.lua --help`.

local common = require("common")

return {
  description = "Countries and institutions: production (full and fractional), SCP and MCP, citations, collaboration between countries",
  params = {
    { name = "top", type = "integer", default = 20, help = "countries, pairs and institutions shown in countries.md" },
  },
  outputs = { "countries.md", "countries.csv", "collaboration.csv", "institutions.csv", "institution_pairs.csv" },
  run = function(corpus, params)
    local top = common.at_least(params, "top", 1)
    local countries = corpus:countries()
    local pairs_table = corpus:cooccurrence{ field = "countries" }:rename{ a = "country_a", b = "country_b", count = "documents" }
    local institutions = corpus:institutions()
    local institution_pairs = corpus:cooccurrence{ field = "institutions" }
      :rename{ a = "institution_a", b = "institution_b", count = "documents" }
    local collaboration = corpus:collaboration()
    local with_country = collaboration.with_country

    local md = report.markdown("countries.md", { toc = true })
    md:heading(1, "Countries and institutions")
    md:paragraph(string.format("%d of %d documents have an address with a country; %d countries in all. "
      .. "%d of them (%.1f%%) have addresses in two countries or more (international co-authorship).",
      with_country, #corpus, #countries, collaboration.international, 100 * collaboration.international_share))

    md:heading(2, "Production by country")
    if #countries > 0 then
      md:paragraph("Documents with an address in the country (full counting: a document counts once for each of its countries), " ..
        "fractional documents (each document's unit shared among its authors, an author's share among its countries), " ..
        "documents whose corresponding author (else first author) is there, written in that one country (SCP) or with others (MCP), " ..
        "and the citations their sources give.")
      local shown = countries:head(top)
      md:chart{ table = shown, x = "country", y = { "scp", "mcp" }, kind = "bar", title = "Single- and multiple-country publications",
                ylabel = "documents" }
      md:table(shown)
      md:chart{ table = countries, x = "country", y = "documents", kind = "map", title = "Documents by country" }
    else
      md:paragraph("No address names a country.")
    end

    md:heading(2, "Collaboration between countries")
    if #pairs_table > 0 then
      md:paragraph("Documents with addresses in both countries.")
      md:table(pairs_table:head(top))
    else
      md:paragraph("No document has addresses in two countries.")
    end

    md:heading(2, "Institutions")
    md:paragraph("Documents by top-level institution, abbreviated and full names counted as one (Univ and University), "
      .. "in full and fractional counting, with the citations their sources give.")
    md:table(institutions:head(top))
    if #institution_pairs > 0 then
      md:heading(2, "Collaboration between institutions")
      md:table(institution_pairs:head(top))
    end

    report.csv("countries.csv", countries)
    report.csv("collaboration.csv", pairs_table)
    report.csv("institutions.csv", institutions)
    report.csv("institution_pairs.csv", institution_pairs)
  end,
}
