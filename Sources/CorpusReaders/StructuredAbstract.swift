// StructuredAbstract.swift: finds the labelled parts of a structured abstract ("Introduction.",
// "**Goals.**", "**Materials and Methods.**") and removes the Markdown emphasis around them.
import CorpusModel
import CorpusBytes

package enum StructuredAbstract {
    /// Labels recognised without emphasis, at the start of the abstract or of a paragraph.
    package static let plainLabels: Set<String> = [
        "introduction", "background", "goals", "aims", "objectives", "purpose", "materials and methods",
        "methods", "methodology", "results", "findings", "discussion", "conclusions", "conclusion",
    ]

    package static func parse(_ text: String) -> (String, [Section]) {
        let (plain, parts) = parts(Array(text.utf8))
        let sections = plain.withUnsafeBufferPointer { o in parts.map { Section(label: $0.label, text: o.string($0.text)) } }
        return (String(decoding: plain, as: UTF8.self), sections)
    }

    /// A section of the plain text: its label (without the final period) and its text's range.
    package struct Part {
        package var label: String
        package var text: Range<Int>
    }

    /// The abstract as plain text and its sections.
    package static func parts(_ input: [UInt8]) -> ([UInt8], [Part]) {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        // For each label: where its text starts in `out`, and where the label itself started.
        var marks: [(label: String, labelStart: Int, textStart: Int)] = []
        marks.reserveCapacity(8)
        input.withUnsafeBufferPointer { b in
            var i = 0
            var atParagraphStart = true
            // The next "*" and the next line end at or after i, found by memchr and kept until passed.
            var nextStar = -1, nextLineEnd = -1
            while i < b.count {
                if atParagraphStart, let length = plainLabel(b, at: i) {
                    let labelStart = out.count
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i ..< i + length + 1]))
                    marks.append((b.string(i ..< i + length), labelStart, out.count))
                    i += length + 1
                }
                atParagraphStart = false
                // Copy the run of plain bytes up to the next "*" or line end at once.
                if nextStar < i { nextStar = b.firstIndex(of: UInt8(ascii: "*"), in: i ..< b.count) ?? b.count }
                if nextLineEnd < i { nextLineEnd = b.firstIndex(of: 0x0A, in: i ..< b.count) ?? b.count }
                let j = min(nextStar, nextLineEnd)
                if j > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i ..< j]))
                    i = j
                    continue
                }
                if b.hasPrefix("**", at: i), let close = closingEmphasis(b, from: i + 2) {
                    let labelStart = out.count
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(i + 2) ..< close]))
                    if let label = sectionLabel(b, (i + 2) ..< close) { marks.append((label, labelStart, out.count)) }
                    i = close + 2
                    continue
                }
                out.append(b[i])
                if b[i] == 0x0A && i + 1 < b.count && b[i + 1] == 0x0A {
                    out.append(0x0A)
                    i += 1
                    atParagraphStart = true
                }
                i += 1
            }
        }
        let parts: [Part] = out.withUnsafeBufferPointer { o in
            marks.enumerated().map { n, mark in
                let end = n + 1 < marks.count ? marks[n + 1].labelStart : o.count
                return Part(label: mark.label, text: mark.textStart < end ? o.trimmed(mark.textStart ..< end) : end ..< end)
            }
        }
        return (out, parts)
    }

    private static func closingEmphasis(_ b: Bytes, from start: Int) -> Int? {
        var i = start
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "*") && b[i + 1] == UInt8(ascii: "*") { return i }
            if b[i] == 0x0A && i + 1 < b.count && b[i + 1] == 0x0A { return nil }
            i += 1
        }
        return nil
    }

    /// "Goals." or "Materials and Methods:" inside emphasis: the label, when it looks like one.
    package static func sectionLabel(_ b: Bytes, _ range: Range<Int>) -> String? {
        let r = b.trimmed(range)
        guard r.count >= 2, b[r.upperBound - 1] == UInt8(ascii: ".") || b[r.upperBound - 1] == UInt8(ascii: ":"),
              b.isUpper(at: r.lowerBound) else { return nil }
        let label = b.trimmed(r.lowerBound ..< r.upperBound - 1)
        var words = 1
        for i in label where b[i] == 0x20 { words += 1 }
        return words <= 6 && !label.isEmpty ? b.string(label) : nil
    }

    /// Length of a plain label such as "Introduction" at `i`, followed by "." or ":" and a space.
    private static func plainLabel(_ b: Bytes, at i: Int) -> Int? {
        var j = i
        while j < b.count && j - i < 40 && b[j] != UInt8(ascii: ".") && b[j] != UInt8(ascii: ":") && b[j] != 0x0A { j += 1 }
        guard j < b.count, j > i, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ":"),
              j + 1 < b.count, b[j + 1] == 0x20 else { return nil }
        return plainLabels.contains(b.string(i ..< j).lowercased()) ? j - i : nil
    }
}
