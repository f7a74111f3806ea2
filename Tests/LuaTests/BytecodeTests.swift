// BytecodeTests.swift: a compiled chunk read back from Lua's dump format: instructions, constants,
// lines, locals, upvalue names and nested functions, as the checker relies on them.
import Lua
import XCTest

final class BytecodeTests: XCTestCase {
    private func compile(_ source: String) throws -> LuaPrototype {
        try LuaState().compile(source, chunkName: "@t.lua")
    }

    func testGlobalReadAndMethodCallDecode() throws {
        let main = try compile("local x = corpus:terms{field = 'abstract'}\nprint(x)\n")
        XCTAssertEqual(main.source, "@t.lua")
        XCTAssertEqual(main.upvalueNames, ["_ENV"])
        let ops = main.code.map { $0.opcode }
        XCTAssertEqual(ops.prefix(3), [.varargprep, .gettabup, .self])
        let get = main.code[1], call = main.code[2]
        XCTAssertEqual(main.string(get.c), "corpus")
        XCTAssertEqual(get.b, 0, "the upvalue read is _ENV")
        XCTAssertTrue(call.k)
        XCTAssertEqual(main.string(call.c), "terms")
        XCTAssertEqual(call.b, get.a, "the method is looked up on the register holding corpus")
        XCTAssertEqual(main.lines[1], 1)
        XCTAssertEqual(main.lines[main.code.firstIndex { $0.opcode == .gettabup && main.string($0.c) == "print" }!], 2)
        XCTAssertEqual(main.locals.map(\.name), ["x"])
    }

    func testConstantsOfEveryKind() throws {
        let main = try compile("local a, b, c, d = 1 << 40, 2.5, 'text', true\nreturn a, b, c, d, nil, 'long string ' .. string.rep('x', 3)")
        let constants = main.constants
        XCTAssertTrue(constants.contains(.integer(1 << 40)))
        XCTAssertTrue(constants.contains(.number(2.5)))
        XCTAssertTrue(constants.contains(.string("text")))
        XCTAssertTrue(constants.contains(.string("long string ")))
    }

    func testNestedFunctionsParametersAndLines() throws {
        let source = """
            local function outer(corpus, params)
              local function inner(doc)
                return doc.title
              end
              return inner
            end
            return outer
            """
        let main = try compile(source)
        XCTAssertEqual(main.functions.count, 1)
        let outer = main.functions[0]
        XCTAssertEqual(outer.parameterCount, 2)
        XCTAssertEqual(outer.lineDefined, 1)
        XCTAssertEqual(outer.localName(register: 0, pc: 0), "corpus")
        XCTAssertEqual(outer.localName(register: 1, pc: 0), "params")
        let inner = outer.functions[0]
        XCTAssertEqual(inner.lineDefined, 2)
        let field = try XCTUnwrap(inner.code.first { $0.opcode == .getfield })
        XCTAssertEqual(inner.string(field.c), "title")
        XCTAssertEqual(inner.lines[inner.code.firstIndex { $0.opcode == .getfield }!], 3)
    }

    func testLinesPastAbsoluteAnchors() throws {
        // Long functions store an absolute line every so often; lines stay right past them.
        var source = ""
        for i in 1...200 { source += "x\(i) = \(i) + y\n" }
        source += "\n\n\nlast = 1\n"
        let main = try compile(source)
        // Past 255 constants the key no longer fits the instruction: the last assignment is a SETTABLE.
        let last = try XCTUnwrap(main.code.lastIndex { $0.opcode == .settable })
        XCTAssertEqual(main.lines[last], 204)
        let middle = try XCTUnwrap(main.code.firstIndex { $0.opcode == .settabup && main.string($0.b) == "x100" })
        XCTAssertEqual(main.lines[middle], 100)
    }

    func testSyntaxErrorIsThrown() {
        XCTAssertThrowsError(try compile("local = 1")) { error in
            XCTAssertEqual((error as? LuaError)?.kind, .syntax)
        }
    }
}
