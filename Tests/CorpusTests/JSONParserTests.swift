// JSONParserTests.swift: the JSON parser behind the Crossref, OpenAlex and CSL readers: values,
// escapes and surrogate pairs, numbers, errors with their offsets, and a nesting limit.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Substring(text)) }

    func testValues() throws {
        XCTAssertEqual(try parse(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": []} "#),
                       .object(["a": .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]),
                                "b": .object(["c": .string("d")]), "e": .array([])]))
        XCTAssertEqual(try parse("12345678901234567890"), .number(12345678901234567890))
        XCTAssertEqual(try parse("-0"), .number(0))
    }

    func testObjectMembersKeepTheirOrderAndARepeatedNameItsLastValue() throws {
        guard case .object(let small)? = try? parse(#"{"z": 1, "a": 2, "z": 3}"#) else { return XCTFail("not an object") }
        XCTAssertEqual(small.map(\.name), ["z", "a"])
        XCTAssertEqual(small["z"], .number(3))
        XCTAssertNil(small["b"])
        // Past sixteen members the repeated names are found another way; the result is the same.
        let names = (0 ..< 40).map { "k\($0)" } + ["k3"]
        let text = "{" + names.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}"
        guard case .object(let large)? = try? parse(text) else { return XCTFail("not an object") }
        XCTAssertEqual(large.count, 40)
        XCTAssertEqual(large["k3"], .number(40))
        XCTAssertEqual(large.map(\.name).first, "k0")
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\n\t\u00e9\u041c""#), .string("a\"b\\c/d\n\té\u{041C}"))
        XCTAssertEqual(try parse(#""\ud83d\ude00 and \ud83d alone""#), .string("😀 and \u{FFFD} alone"))
        XCTAssertEqual(try parse(#""Монгольские документы""#), .string("Монгольские документы"))
    }

    func testErrorsNameTheOffset() {
        XCTAssertThrowsError(try parse(#"{"a": 1,}"#)) { XCTAssertEqual(($0 as? JSONSyntaxError)?.offset, 8) }
        XCTAssertThrowsError(try parse(#"{"a" 1}"#)) { XCTAssertEqual(($0 as? JSONSyntaxError)?.reason, "':' was expected") }
        XCTAssertThrowsError(try parse(#""open"#)) { XCTAssertEqual(($0 as? JSONSyntaxError)?.reason, "the string is not closed") }
        XCTAssertThrowsError(try parse("{} {}")) { XCTAssertEqual(($0 as? JSONSyntaxError)?.reason, "more after the value") }
        XCTAssertThrowsError(try parse(#""\u12""#))
        XCTAssertThrowsError(try parse("tru"))
    }

    func testListsOfWorksCanBeLeftUnparsedAndParsedOneByOne() throws {
        var text = #"{"status": "ok", "message": {"total": 3, "items": [{"a": "x]}"}, [1, {"b": 2}], "s\"q", 7]}}"#
        let value = try text.withUTF8 { try JSONParser.parse($0, deferringElementsAt: [["message", "items"]]) }
        guard case .array(let items)? = value["message"]?["items"] else { return XCTFail("no items") }
        XCTAssertEqual(value["message"]?["total"], .number(3))
        let parsed = try text.withUTF8 { b in
            try items.map { item -> JSONValue in
                guard case .unparsed(let range) = item else { throw JSONSyntaxError(offset: 0, reason: "parsed") }
                return try JSONParser.parse(UnsafeBufferPointer(rebasing: b[range]))
            }
        }
        XCTAssertEqual(parsed, [.object(["a": .string("x]}")]), .array([.number(1), .object(["b": .number(2)])]),
                                .string("s\"q"), .number(7)])
        // Other arrays, and a top-level array when [] is not asked for, are parsed as usual.
        var list = #"[{"a": [1]}]"#
        XCTAssertEqual(try list.withUTF8 { try JSONParser.parse($0, deferringElementsAt: [["results"]]) },
                       .array([.object(["a": .array([.number(1)])])]))
        XCTAssertThrowsError(try list.withUTF8 { try JSONParser.parse(UnsafeBufferPointer(rebasing: $0[0 ..< 6]), deferringElementsAt: [[]]) })
    }

    func testNestingIsLimited() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertThrowsError(try parse(deep)) { XCTAssertEqual(($0 as? JSONSyntaxError)?.reason, "nested more than 512 deep") }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNoThrow(try parse(fine))
    }
}
