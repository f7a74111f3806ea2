// CSVWriter.swift: RFC 4180 CSV: a header row, fields quoted when they hold the separator, a quote
// or a line break, quotes doubled, CRLF line ends, UTF-8. Text that a spreadsheet would run as a
// formula gets a leading apostrophe unless the caller asks for raw cells.
import Tables
import Foundation

package struct CSVOptions: Sendable {
    package var separator: Character
    /// Write cells exactly as they are (no formula protection).
    package var raw: Bool
    /// Start the file with a UTF-8 byte order mark, for spreadsheets that need one.
    package var byteOrderMark: Bool

    package init(separator: Character = ",", raw: Bool = false, byteOrderMark: Bool = false) {
        self.separator = separator
        self.raw = raw
        self.byteOrderMark = byteOrderMark
    }
}

package enum CSVWriter {
    package static func render(header: [String], rows: [[Cell]], options: CSVOptions = CSVOptions()) -> String {
        var out = options.byteOrderMark ? "\u{FEFF}" : ""
        out += line(header.map { Cell.text($0) }, options)
        for row in rows { out += line(row, options) }
        return out
    }

    package static func render(_ table: Table, options: CSVOptions = CSVOptions()) -> String {
        render(header: table.columns, rows: table.rows, options: options)
    }

    private static func line(_ cells: [Cell], _ options: CSVOptions) -> String {
        cells.map { field($0, options) }.joined(separator: String(options.separator)) + "\r\n"
    }

    static func field(_ cell: Cell, _ options: CSVOptions) -> String {
        var text = cell.description
        if case .text = cell, !options.raw, let first = text.unicodeScalars.first,
           ["=", "+", "-", "@", "\t", "\r"].contains(first), Double(text) == nil
        {
            text = "'" + text
        }
        let needsQuotes = text.contains(options.separator) || text.contains("\"") || text.contains("\n")
            || text.contains("\r") || text.hasPrefix(" ") || text.hasSuffix(" ")
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

