// JSONParser.swift: JSON (RFC 8259) parsed from UTF-8 bytes into plain Swift values, for the
// Crossref, OpenAlex and CSL readers: no Foundation objects, strings without escapes made in one
// copy, nesting limited so hostile input cannot exhaust the stack.

/// A JSON value. Not `indirect`: arrays and objects already hold their values in buffers, and
/// an indirect case would put every value, each number and string too, in a box of its own.
package enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// An element left unparsed by `JSONParser.parse(_:deferringElementsAt:)`: its byte range.
    case unparsed(Range<Int>)

    package subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// A JSON object's members in the order the text gives them, each name once (a repeated name
/// keeps its first place and its last value). A work's objects have tens of members, so a name is
/// found by comparing names in order: no hashing, no table built for each object.
package struct JSONObject: Equatable, Sequence, ExpressibleByDictionaryLiteral {
    private(set) var members: [(name: String, value: JSONValue)] = []

    package init() {}

    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (name, value) in elements { self[name] = value }
    }

    package var isEmpty: Bool { members.isEmpty }
    package var count: Int { members.count }

    package subscript(name: String) -> JSONValue? {
        get { members.first { $0.name == name }?.value }
        set {
            let place = members.firstIndex { $0.name == name }
            switch (place, newValue) {
            case (let i?, let v?): members[i].value = v
            case (let i?, nil): members.remove(at: i)
            case (nil, let v?): members.append((name, v))
            case (nil, nil): break
            }
        }
    }

    /// Adds a member read from the text. A name met again is rare: it is looked for only once
    /// the object is read (`removingRepeatedNames`), so building an object stays linear.
    fileprivate mutating func appendRead(_ name: String, _ value: JSONValue) { members.append((name, value)) }

    /// The object with each repeated name kept once: in its first place, with its last value.
    fileprivate func removingRepeatedNames() -> JSONObject {
        let repeated: Bool
        if members.count <= 16 {
            repeated = members.indices.contains { i in members[..<i].contains { $0.name == members[i].name } }
        } else {
            var seen = Set<String>(minimumCapacity: members.count)
            repeated = members.contains { !seen.insert($0.name).inserted }
        }
        guard repeated else { return self }
        var result = JSONObject()
        for (name, value) in members { result[name] = value }
        return result
    }

    package func makeIterator() -> some IteratorProtocol<(name: String, value: JSONValue)> { members.makeIterator() }

    package static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.count == b.count && a.members.allSatisfy { b[$0.name] == $0.value }
    }
}

package struct JSONSyntaxError: Error, Equatable {
    /// Byte offset of the problem.
    package var offset: Int
    package var reason: String
}

package struct JSONParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    package static let maximumDepth = 512
    /// Member-name paths (from the top) of the arrays whose elements are left unparsed.
    private var deferredArrays: [[String]] = []
    /// The member names leading to the value being read, while arrays are deferred.
    private var path: [String] = []

    /// The one value `bytes` hold (white space around it allowed).
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = JSONParser(b: bytes)
        let value = try parser.value()
        parser.skipSpace()
        guard parser.i == bytes.count else { throw JSONSyntaxError(offset: parser.i, reason: "more after the value") }
        return value
    }

    /// The one value `bytes` hold, with the elements of the arrays at `paths` (member names from
    /// the top; [] is the top value itself) left `.unparsed`, each to be parsed on its own range
    /// when its turn comes: a large list of works is then never all in memory as values. Only
    /// an unparsed element's brackets and strings are checked here.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, deferringElementsAt paths: [[String]]) throws -> JSONValue {
        var parser = JSONParser(b: bytes)
        parser.deferredArrays = paths
        let value = try parser.value()
        parser.skipSpace()
        guard parser.i == bytes.count else { throw JSONSyntaxError(offset: parser.i, reason: "more after the value") }
        return value
    }

    package static func parse(_ text: Substring) throws -> JSONValue {
        var copy = String(text)
        return try copy.withUTF8 { try parse($0) }
    }

    private init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: i, reason: reason) }

    private mutating func value() throws -> JSONValue {
        skipSpace()
        guard i < b.count else { throw fail("a value was expected") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func nest() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw fail("nested more than \(Self.maximumDepth) deep") }
    }

    private mutating func object() throws -> JSONValue {
        try nest()
        defer { depth -= 1 }
        i += 1
        var members = JSONObject()
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("a member name was expected") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("':' was expected") }
            i += 1
            if deferredArrays.isEmpty {
                members.appendRead(key, try value())
            } else {
                path.append(key)
                members.appendRead(key, try value())
                path.removeLast()
            }
            skipSpace()
            guard i < b.count else { throw fail("the object is not closed") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "}") else { throw fail("',' or '}' was expected") }
            i += 1
            return .object(members.removingRepeatedNames())
        }
    }

    private mutating func array() throws -> JSONValue {
        try nest()
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        let deferring = !deferredArrays.isEmpty && deferredArrays.contains(path)
        if !deferredArrays.isEmpty { path.append("") }  // an element's members are deeper than the array's
        defer { if !deferredArrays.isEmpty { path.removeLast() } }
        while true {
            items.append(deferring ? .unparsed(try skippedValue()) : try value())
            skipSpace()
            guard i < b.count else { throw fail("the array is not closed") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "]") else { throw fail("',' or ']' was expected") }
            i += 1
            return .array(items)
        }
    }

    /// The range of the value at `i`, passed over: strings to their closing quote, arrays and
    /// objects to their closing bracket, anything else to the next delimiter.
    private mutating func skippedValue() throws -> Range<Int> {
        skipSpace()
        let start = i
        var nesting = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\""):
                i = try endOfString(from: i + 1)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nesting += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard nesting > 0 else { return start ..< i }
                nesting -= 1
                i += 1
            case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                if nesting == 0 { return start ..< i }
                i += 1
            default:
                i += 1
            }
            if nesting == 0 && i > start && (b[i - 1] == UInt8(ascii: "}") || b[i - 1] == UInt8(ascii: "]") || b[i - 1] == UInt8(ascii: "\"")) {
                return start ..< i
            }
        }
        guard nesting == 0, i > start else { throw fail("the array is not closed") }
        return start ..< i
    }

    /// The index after the quote that closes the string whose text starts at `start`: memchr
    /// finds each quote, and one after an odd run of backslashes is escaped.
    private func endOfString(from start: Int) throws -> Int {
        var from = start
        while let quote = b.firstIndex(of: UInt8(ascii: "\""), in: from ..< b.count) {
            var backslashes = 0
            while quote - backslashes - 1 >= start && b[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            from = quote + 1
        }
        throw JSONSyntaxError(offset: start, reason: "the string is not closed")
    }

    private mutating func literal(_ word: StaticString) throws {
        guard b.hasPrefix(word, at: i) else { throw fail("a value was expected") }
        i += word.utf8CodeUnitCount
    }

    private mutating func number() throws -> Double {
        let start = i
        if i < b.count && b[i] == UInt8(ascii: "-") { i += 1 }
        var integer: Int64 = 0
        var digits = 0
        while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 {
            if digits < 18 { integer = integer * 10 + Int64(b[i] - 0x30) }
            digits += 1
            i += 1
        }
        guard digits > 0 else { throw fail("a value was expected") }
        let simple = digits < 18 && (i == b.count || (b[i] != UInt8(ascii: ".") && b[i] != UInt8(ascii: "e") && b[i] != UInt8(ascii: "E")))
        if simple { return Double(b[start] == UInt8(ascii: "-") ? -integer : integer) }
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e")
                || b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)) else {
            throw JSONSyntaxError(offset: start, reason: "not a number")
        }
        return d
    }

    private mutating func string() throws -> String {
        i += 1
        let start = i
        // memchr finds the next quote; the text before it is the string when it holds no escape.
        if let quote = b.firstIndex(of: UInt8(ascii: "\""), in: i ..< b.count) {
            i = b.firstIndex(of: UInt8(ascii: "\\"), in: i ..< quote) ?? quote
        } else {
            i = b.count
        }
        guard i < b.count else { throw fail("the string is not closed") }
        if b[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start ..< i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            guard i + 1 < b.count else { break }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"): appendScalar(try escapedScalar(), to: &out)
            default: out.append(e)  // \" \\ \/ and, leniently, anything else as itself
            }
        }
        throw fail("the string is not closed")
    }

    /// The scalar of a `\uXXXX` escape (after `\u`), joining a surrogate pair; U+FFFD for a lone
    /// surrogate.
    private mutating func escapedScalar() throws -> UInt32 {
        let high = try hex4()
        guard (0xD800 ... 0xDBFF).contains(high) else { return (0xDC00 ... 0xDFFF).contains(high) ? 0xFFFD : high }
        guard b.hasPrefix("\\u", at: i) else { return 0xFFFD }
        let save = i
        i += 2
        let low = try hex4()
        guard (0xDC00 ... 0xDFFF).contains(low) else { i = save; return 0xFFFD }
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private func appendScalar(_ s: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(s) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
