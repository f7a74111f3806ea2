// ScriptTemplate.swift: the commented script `scriptorium new NAME` writes: a described script
// with a parameter, a Table, a chart and CSV files, which runs as written.

package enum ScriptTemplate {
    /// Whether `name` can name a script file: letters, digits, `_` and `-`, starting with a letter.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The source of a new script called `name`.
    package static func source(name: String) -> String {
        """
        -- \(name).lua: documents per year and the most used keywords of a corpus.
        -- Written by `scriptorium new \(name)`; change it to report what you need.
        --
        --   scriptorium run Scripts/\(name).lua --corpus Samples --param top=5   run it
        --   scriptorium run Scripts/\(name).lua --help                          its parameters
        --   scriptorium check Scripts/\(name).lua                               find mistakes first
        --   scriptorium docs                                                  the whole API
        --
        -- Editors that use lua-language-server complete the API from Scripts/types/ (see .luarc.json).

        return {
          -- One sentence: `scriptorium describe` and `run --help` show it.
          description = "Documents per year and the most used keywords",

          -- Each parameter has a type (string, integer, number, boolean, or a list such as
          -- integer[]); --param values are converted to it, and a default fills in when none is given.
          params = {
            { name = "top", type = "integer", default = 10, help = "keywords listed in the report" },
          },

          -- The files the script writes, for the reader of `scriptorium describe`.
          outputs = { "\(name).md", "\(name)-years.csv", "\(name)-keywords.csv" },

          run = function(corpus, params)
            -- Aggregations run in compiled code and return Tables (named columns and rows).
            local years = corpus:count_by("year"):sort("year")
            local keywords = corpus:count_by("keywords", { top = params.top })

            -- A Markdown report; record text is escaped, so it renders as written.
            local md = report.markdown("\(name).md")
            md:heading(1, "Documents per year and keywords")
            md:paragraph(string.format("%d documents; the %d most used keywords are listed below.",
              #corpus, #keywords))

            md:heading(2, "Documents per year")
            if #years > 0 then
              -- A chart: an SVG file written beside the report and linked from it.
              md:chart{ table = years, x = "year", y = "count", kind = "bar", title = "Documents per year" }
            end
            md:table(years)

            md:heading(2, "Most used keywords")
            md:table(keywords)

            -- CSV files, for a spreadsheet or another program.
            report.csv("\(name)-years.csv", years)
            report.csv("\(name)-keywords.csv", keywords)
          end,
        }

        """
    }
}
