// StructuredAbstract.swift: finds the labelled parts of a structured abstract ("Introduction.",
// "**Goals.**", "**Materials and Methods.**") and removes the Markdown emphasis around them.

public enum StructuredAbstract {
    /// Labels recognised without emphasis, at the start of the abstract or of a paragraph.
    static let plainLabels: Set<String> = [
        "introduction", "background", "goals", "aims", "objectives", "purpose", "materials and methods",
        "methods", "methodology", "results", "findings", "discussion", "conclusions", "conclusion",
    ]

    /// The abstract as plain text and its sections (label without the final period, and text).
    public static func parse(_ text: String) -> (String, [Section]) {
        var plain = ""
        var marks: [(label: String, textStart: String.Index)] = []
        var rest = Substring(text)
        var atParagraphStart = true
        while !rest.isEmpty {
            if atParagraphStart, let label = plainLabel(at: rest) {
                plain += label + "."
                rest = rest.dropFirst(label.count + 1)
                marks.append((label, plain.endIndex))
            }
            atParagraphStart = false
            if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2) ..< close.lowerBound]
                plain += inner
                if let label = sectionLabel(inner) { marks.append((label, plain.endIndex)) }
                rest = rest[close.upperBound...]
                continue
            }
            let ch = rest.removeFirst()
            plain.append(ch)
            if ch == "\n" && rest.first == "\n" { atParagraphStart = true; plain.append(rest.removeFirst()) }
        }
        var sections: [Section] = []
        for (i, mark) in marks.enumerated() {
            // The text runs to the start of the next label.
            let end: String.Index
            if i + 1 < marks.count {
                let next = marks[i + 1]
                end = plain.index(next.textStart, offsetBy: -(next.label.count + 1))
            } else {
                end = plain.endIndex
            }
            let body = mark.textStart < end ? plain[mark.textStart ..< end] : ""
            sections.append(Section(label: mark.label, text: body.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return (plain, sections)
    }

    /// "Goals." or "Materials and Methods:" inside emphasis: the label, when it looks like one.
    static func sectionLabel(_ inner: Substring) -> String? {
        guard let last = inner.last, last == "." || last == ":" else { return nil }
        let label = inner.dropLast().trimmingCharacters(in: .whitespaces)
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= 6, label.first?.isUppercase ?? false else { return nil }
        return label
    }

    private static func plainLabel(at text: Substring) -> String? {
        let head = text.prefix(40)
        guard let dot = head.firstIndex(where: { $0 == "." || $0 == ":" }) else { return nil }
        let candidate = String(head[..<dot])
        return plainLabels.contains(candidate.lowercased()) && text[text.index(after: dot)...].first == " " ? candidate : nil
    }
}
