// CSVReader.swift: RFC 4180 comma-separated values as exports write them: quoted fields with
// doubled quotes, line breaks inside quotes, CRLF or LF, an optional BOM. It works on the UTF-8
// bytes and gives each row with the line it starts on, for diagnostics.

package struct CSVRow {
    package var fields: [String]
    /// 1-based line the row starts on.
    package var line: Int
}

package enum CSVReader {
    /// The rows of `text`; a quote left open at the end is reported with the line it opened on.
    package static func rows(_ text: String, separator: UInt8 = UInt8(ascii: ",")) -> (rows: [CSVRow], unclosedQuoteLine: Int?) {
        var copy = text
        return copy.withUTF8 { rows(bytes: $0, separator: separator) }
    }

    package static func rows(bytes b: UnsafeBufferPointer<UInt8>, separator: UInt8 = UInt8(ascii: ",")) -> (rows: [CSVRow], unclosedQuoteLine: Int?) {
        var rows: [CSVRow] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var i = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var inQuotes = false
        var quoteLine = 0
        var atFieldStart = true
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(CSVRow(fields: fields, line: rowLine)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < b.count {
            let c = b[i]
            if inQuotes {
                // Everything up to the next quote belongs to the field: memchr finds it, and the
                // bytes are appended at once (line breaks in them counted).
                let quote = b.firstIndex(of: 0x22, in: i ..< b.count) ?? b.count
                var from = i
                while let lineEnd = b.firstIndex(of: 0x0A, in: from ..< quote) {
                    line += 1
                    from = lineEnd + 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: b[i ..< quote]))
                i = quote
                guard quote < b.count else { break }
                if quote + 1 < b.count && b[quote + 1] == 0x22 {
                    field.append(0x22)
                    i = quote + 2
                } else {
                    inQuotes = false
                    i = quote + 1
                }
                continue
            }
            switch c {
            case 0x22 where atFieldStart:
                inQuotes = true
                quoteLine = line
                atFieldStart = false
            case separator:
                endField()
            case 0x0D:
                break
            case 0x0A:
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if inQuotes { return (rows, quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return (rows, nil)
    }
}
