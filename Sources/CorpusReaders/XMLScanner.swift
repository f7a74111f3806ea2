// XMLScanner.swift: a small, fast XML reader for the export formats (PubMed, JATS). It scans the
// UTF-8 bytes once, skipping the prolog, comments, processing instructions and the DOCTYPE, and
// builds a tree only for the elements a reader asks for (one PubmedArticle at a time), so a
// 30,000-record file is never held as one tree. Entities and CDATA are decoded; every element
// knows the line it starts on. Malformed markup is reported, never crashed on.
import CorpusModel
import CorpusBytes

/// An element and what it contains, text and child elements in document order.
package final class XMLElement {
    package enum Content {
        case text(String)
        case element(XMLElement)
    }

    package let name: String
    package let attributes: XMLAttributes
    package let line: Int
    /// Set once, when the scanner closes the element (contents gathered in the scanner's own
    /// arrays: appending to a class's property one item at a time costs a runtime access check).
    fileprivate(set) var contents: [Content] = []

    package init(name: String, attributes: XMLAttributes, line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The child elements alone, in order (gathered when asked: most elements are never asked).
    package var children: [XMLElement] { contents.compactMap(XMLElement.element) }

    private static func element(_ content: Content) -> XMLElement? {
        if case .element(let e) = content { return e }
        return nil
    }

    package func child(_ name: String) -> XMLElement? {
        for case .element(let c) in contents where c.name == name { return c }
        return nil
    }

    package func children(_ name: String) -> [XMLElement] { contents.compactMap { XMLElement.element($0).flatMap { $0.name == name ? $0 : nil } } }

    /// The element at a slash-separated path of child names ("Article/Journal/Title").
    package func at(_ path: String) -> XMLElement? {
        var node: XMLElement? = self
        for step in path.split(separator: "/") { node = node?.child(String(step)) }
        return node
    }

    /// Every element below this one with `name`, in document order.
    package func descendants(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        collectDescendants(name, into: &found)
        return found
    }

    private func collectDescendants(_ name: String, into found: inout [XMLElement]) {
        for case .element(let c) in contents {
            if c.name == name { found.append(c) }
            c.collectDescendants(name, into: &found)
        }
    }

    /// All text inside, markup removed, runs of white space made one space.
    package var text: String {
        if contents.count == 1, case .text(let only) = contents[0], XMLElement.isCollapsed(only) { return only }
        var out: [UInt8] = []
        appendText(to: &out)
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when the text has no line breaks or tabs, no leading or trailing space and no double space.
    private static func isCollapsed(_ s: String) -> Bool {
        s.withUTF8Bytes { b in
            var previous: UInt8 = 0x20
            for byte in b {
                if byte < 0x20 || (byte == 0x20 && previous == 0x20) { return false }
                previous = byte
            }
            return previous != 0x20
        }
    }

    private static let blockNames: Set<String> = ["p", "sec", "title", "list-item", "AbstractText", "break"]

    /// Appends the text with white space collapsed (no leading space, single spaces between words).
    private func appendText(to out: inout [UInt8]) {
        for c in contents {
            switch c {
            case .text(let s):
                for byte in s.utf8 {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                        if let last = out.last, last != 0x20 { out.append(0x20) }
                    } else {
                        out.append(byte)
                    }
                }
            case .element(let e):
                // Block elements inside text (paragraphs, list items) are separated by a space.
                if XMLElement.blockNames.contains(e.name), let last = out.last, last != 0x20 { out.append(0x20) }
                e.appendText(to: &out)
            }
        }
    }

    /// The text, or nil when it is empty.
    package var nonEmptyText: String? {
        let t = text
        return t.isEmpty ? nil : t
    }
}

/// An element's attributes in the order written: an element has a few, so a name is found by
/// comparing names in turn (a repeated name, which XML forbids, gives its last value).
package struct XMLAttributes {
    private var pairs: [(name: String, value: String)] = []

    package mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }

    package subscript(name: String) -> String? { pairs.last { $0.name == name }?.value }
}

package struct XMLScanner {
    package struct Failure: Error, CustomStringConvertible {
        package var line: Int
        package var message: String
        package var description: String { "line \(line): \(message)" }
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var line = 1

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
    }

    /// The documents `build` makes of each record element of a file; a record it cannot make a
    /// document of, and malformed markup (which ends the reading), become warnings with their line.
    package static func documents(_ bytes: UnsafeBufferPointer<UInt8>, path: String, records: Set<String>,
                          untitled: (XMLElement) -> String, _ build: (XMLElement) -> Document?) -> FileContents {
        var contents = FileContents(reservingFor: bytes.count)
        var scanner = XMLScanner(bytes)
        do {
            try scanner.forEach(records) { element in
                if let d = build(element) {
                    // A record without a title is kept: the title is one missing field.
                    if d.title.isEmpty { contents.diagnostics.append(Diagnostic(path: path, line: element.line, message: untitled(element))) }
                    contents.documents.append(d)
                } else {
                    contents.diagnostics.append(Diagnostic(path: path, line: element.line, message: "\(element.name) holds no record's metadata, skipped"))
                }
            }
        } catch let failure as Failure {
            contents.diagnostics.append(Diagnostic(path: path, line: failure.line, message: "malformed XML, the rest of the file was not read: \(failure.message)"))
        } catch {}
        return contents
    }

    /// The name of the first element (the root), without consuming anything.
    package static func rootName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = XMLScanner(bytes)
        return scanner.nextStartTagName()
    }

    /// Calls `body` with each element named in `names` (the outermost one when they nest), built
    /// as a tree. Throws on malformed markup, after the elements before it were delivered.
    package mutating func forEach(_ names: Set<String>, _ body: (XMLElement) -> Void) throws {
        var stack: [XMLElement] = []     // open elements being built (inside a wanted one)
        var contents: [[XMLElement.Content]] = []  // the contents of each, as they are read
        var openNames: [String] = []     // every open element, for checking end tags
        func add(_ content: XMLElement.Content) { contents[contents.count - 1].append(content) }
        func close(_ element: XMLElement) {
            element.contents = contents.removeLast()
            if stack.isEmpty { body(element) } else { add(.element(element)) }
        }
        while i < b.count {
            if b[i] != UInt8(ascii: "<") {
                // Text up to the next tag: memchr finds its end and each line break in it.
                let start = i
                let end = b.firstIndex(of: UInt8(ascii: "<"), in: i ..< b.count) ?? b.count
                var k = start
                while k < end, let lineEnd = b.firstIndex(of: 0x0A, in: k ..< end) {
                    line += 1
                    k = lineEnd + 1
                }
                i = end
                // Indentation between elements is kept as one space, without decoding it.
                if !stack.isEmpty {
                    let blank = UnsafeBufferPointer(rebasing: b[start ..< end]).allSatisfy(UTF8Class.isSpace)
                    add(.text(blank ? " " : decode(start ..< end)))
                }
                continue
            }
            // Markup.
            if hasPrefix("<!--") { try skip(past: "-->"); continue }
            if hasPrefix("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                if !stack.isEmpty { add(.text(String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i - 3]), as: UTF8.self))) }
                continue
            }
            if hasPrefix("<?") { try skip(past: "?>"); continue }
            if hasPrefix("<!") { try skipDeclaration(); continue }
            if hasPrefix("</") {
                i += 2
                let name = readName()
                skipSpaces()
                guard i < b.count, b[i] == UInt8(ascii: ">") else { throw Failure(line: line, message: "end tag </\(name) is not closed") }
                i += 1
                guard let open = openNames.last else { throw Failure(line: line, message: "end tag </\(name)> without a start tag") }
                guard open == name else { throw Failure(line: line, message: "end tag </\(name)> where </\(open)> was expected") }
                openNames.removeLast()
                if let finished = stack.popLast() { close(finished) }
                continue
            }
            let tagLine = line
            i += 1
            let name = readName()
            guard !name.isEmpty else { throw Failure(line: line, message: "'<' not followed by a tag name") }
            let (attributes, selfClosing) = try readAttributes(wanted: !stack.isEmpty || names.contains(name))
            if !stack.isEmpty || names.contains(name) {
                let element = XMLElement(name: name, attributes: attributes, line: tagLine)
                contents.append([])
                if selfClosing { close(element) } else { stack.append(element) }
            }
            if !selfClosing { openNames.append(name) }
        }
        if let open = openNames.last { throw Failure(line: line, message: "the file ends inside <\(open)>") }
    }

    // MARK: scanning

    private func hasPrefix(_ s: StaticString) -> Bool { b.hasPrefix(s, at: i) }

    private mutating func skip(past end: StaticString) throws {
        let startLine = line
        while i < b.count {
            if b.hasPrefix(end, at: i) { i += end.utf8CodeUnitCount; return }
            if b[i] == 0x0A { line += 1 }
            i += 1
        }
        throw Failure(line: startLine, message: "'\(end)' expected before the end of the file")
    }

    /// <!DOCTYPE ...> with an optional [internal subset].
    private mutating func skipDeclaration() throws {
        let startLine = line
        var depth = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A { line += 1 }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") { depth -= 1 }
            i += 1
            if c == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw Failure(line: startLine, message: "declaration is not closed")
    }

    private mutating func skipSpaces() {
        while i < b.count, UTF8Class.isSpace(b[i]) {
            if b[i] == 0x0A { line += 1 }
            i += 1
        }
    }

    private mutating func readName() -> String {
        let start = i
        while i < b.count {
            let c = b[i]
            if UTF8Class.isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { break }
            i += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)
    }

    private mutating func readAttributes(wanted: Bool) throws -> (XMLAttributes, Bool) {
        var attributes = XMLAttributes()
        while true {
            skipSpaces()
            guard i < b.count else { throw Failure(line: line, message: "the file ends inside a tag") }
            if b[i] == UInt8(ascii: ">") { i += 1; return (attributes, false) }
            if b.hasPrefix("/>", at: i) { i += 2; return (attributes, true) }
            let name = readName()
            guard !name.isEmpty else { throw Failure(line: line, message: "unexpected '\(Character(Unicode.Scalar(b[i])))' in a tag") }
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { throw Failure(line: line, message: "attribute \(name) has no value") }
            i += 1
            skipSpaces()
            guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { throw Failure(line: line, message: "attribute \(name) is not quoted") }
            let quote = b[i]
            i += 1
            let start = i
            while i < b.count && b[i] != quote {
                if b[i] == 0x0A { line += 1 }
                i += 1
            }
            guard i < b.count else { throw Failure(line: line, message: "attribute \(name) is not closed") }
            if wanted { attributes.append(name, decode(start ..< i)) }
            i += 1
        }
    }

    /// Finds the first start tag's name (skipping the prolog).
    private mutating func nextStartTagName() -> String? {
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if hasPrefix("<!--") { guard (try? skip(past: "-->")) != nil else { return nil }; continue }
            if hasPrefix("<?") { guard (try? skip(past: "?>")) != nil else { return nil }; continue }
            if hasPrefix("<!") { guard (try? skipDeclaration()) != nil else { return nil }; continue }
            i += 1
            return readName()
        }
        return nil
    }

    // MARK: entities

    private static let named: [String: String] = [
        "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "copy": "©", "reg": "®", "deg": "°", "plusmn": "±", "times": "×", "micro": "µ",
    ]

    private func decode(_ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: b[range])
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var k = 0
        while k < slice.count {
            if slice[k] == UInt8(ascii: "&"), let semi = slice[k...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: UnsafeBufferPointer(rebasing: slice[(k + 1) ..< semi]), as: UTF8.self)
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = XMLScanner.named[name]
                }
                if let replacement {
                    out.append(contentsOf: replacement.utf8)
                    k = semi + 1
                    continue
                }
            }
            out.append(slice[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
