// BridgeTests.swift: the Lua bridge's contract: values round-trip, Swift functions are callable
// from Lua, and errors cross the boundary in both directions without unwinding Swift frames.
import Lua
import XCTest

final class BridgeTests: XCTestCase {
    func testPlainValuesRoundTrip() throws {
        let lua = LuaState()
        let values: [LuaValue] = [
            nil, true, false, 42, -7, 3.25, "text", "Революция", "",
            .array(["a", "b", 3]),
            .table(["title": "T", "year": 2021, "nested": .array([1, 2])]),
        ]
        for value in values {
            lua.main.push(value)
            lua.main.push(function: "echo") { s in s.pushCopy(of: 1); return 1 }
            lua.main.insert(at: -2)
            try lua.main.call(arguments: 1, results: 1)
            XCTAssertEqual(lua.main.value(at: -1), value)
            lua.main.pop()
        }
        XCTAssertEqual(lua.main.top, 0)
    }

    func testIntegersAndFloatsStayDistinct() throws {
        let lua = LuaState()
        XCTAssertEqual(try lua.run("return 7, 7.0, 2^53, 10 // 3"), [7, 7.0, 9007199254740992.0, 3])
    }

    func testSwiftFunctionReceivesArgumentsAndReturnsResults() throws {
        let lua = LuaState()
        lua.setGlobal("add") { s in
            s.push(function: "add") { s in
                guard let a = s.toInteger(1) else { throw LuaArgumentError(1, "number expected") }
                guard let b = s.toInteger(2) else { throw LuaArgumentError(2, "number expected") }
                s.push(a + b)
                s.push("sum")
                return 2
            }
        }
        XCTAssertEqual(try lua.run("return add(40, 2)"), [42, "sum"])
    }

    func testSwiftErrorBecomesLuaErrorAtTheScriptLine() throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "the engine said no" } }
        let lua = LuaState()
        lua.setGlobal("fail") { s in s.push(function: "fail") { _ in throw Boom() } }
        lua.setGlobal("check") { s in
            s.push(function: "check") { _ in throw LuaArgumentError(2, "unknown field 'abstrct'") }
        }
        let caught = try lua.run("""
            local ok, err = pcall(fail)
            local ok2, err2 = pcall(function()
              check(1, 2)
            end)
            return ok, err, err2
            """, chunkName: "@report.lua")
        XCTAssertEqual(caught[0], false)
        XCTAssertEqual(caught[1], "the engine said no")  // pcall(fail) is called from C: no line
        XCTAssertEqual(caught[2], "report.lua:3: bad argument #2 to 'check' (unknown field 'abstrct')")

        XCTAssertThrowsError(try lua.run("local x = 1\nfail()", chunkName: "@report.lua")) { error in
            let e = error as! LuaError
            XCTAssertEqual(e.kind, .runtime)
            XCTAssertEqual(e.message, "report.lua:2: the engine said no")
        }
    }

    func testScriptErrorBecomesSwiftErrorWithTraceback() throws {
        let lua = LuaState()
        XCTAssertThrowsError(try lua.run("""
            local function inner() error("broken record") end
            local function outer() inner() end
            outer()
            """, chunkName: "@script.lua")) { error in
            let e = error as! LuaError
            XCTAssertEqual(e.kind, .runtime)
            XCTAssertEqual(e.message, "script.lua:1: broken record")
            XCTAssertTrue(e.traceback.hasPrefix("stack traceback:"), e.traceback)
            XCTAssertTrue(e.traceback.contains("script.lua:2: in "), e.traceback)
            XCTAssertTrue(e.traceback.contains("script.lua:3: in main chunk"), e.traceback)
        }
    }

    func testSyntaxErrorNamesLine() throws {
        let lua = LuaState()
        XCTAssertThrowsError(try lua.run("local x = \nx = = 2", chunkName: "@bad.lua")) { error in
            let e = error as! LuaError
            XCTAssertEqual(e.kind, .syntax)
            XCTAssertTrue(e.message.hasPrefix("bad.lua:2:"), e.message)
        }
    }

    func testThousandsOfErrorsInBothDirectionsLeaveTheStateUsable() throws {
        let lua = LuaState()
        lua.setGlobal("fail") { s in
            s.push(function: "fail") { s in throw LuaArgumentError(1, "always \(s.toInteger(1) ?? 0)") }
        }
        for i in 0..<5_000 {
            XCTAssertThrowsError(try lua.run("fail(\(i))"))
            XCTAssertThrowsError(try lua.run("error('x')"))
        }
        XCTAssertEqual(lua.main.top, 0)
        XCTAssertEqual(try lua.run("return 1 + 1"), [2])
    }

    func testLuaCallbackErrorsPassThroughSwift() throws {
        let lua = LuaState()
        lua.setGlobal("each") { s in
            s.push(function: "each") { s in
                for i in 1...3 {
                    s.pushCopy(of: 1)
                    s.push(i)
                    try s.call(arguments: 1, results: 0)
                }
                return 0
            }
        }
        XCTAssertThrowsError(try lua.run("each(function(i) if i == 2 then error('stop at two') end end)",
                                         chunkName: "@cb.lua")) { error in
            XCTAssertEqual((error as! LuaError).message, "cb.lua:1: stop at two")
        }
    }

    func testUserdataHoldsSwiftObjectWithMethods() throws {
        final class Counter { var value = 0 }
        let lua = LuaState()
        lua.registerType("Counter", methods: [
            "bump": { s in
                guard let c = s.object(at: 1, typeName: "Counter", as: Counter.self) else {
                    throw LuaArgumentError(1, "Counter expected, got \(s.typeName(at: 1))")
                }
                c.value += s.toInteger(2) ?? 1
                s.push(c.value)
                return 1
            },
        ])
        let counter = Counter()
        lua.setGlobal("counter") { s in s.pushObject(counter, typeName: "Counter") }
        XCTAssertEqual(try lua.run("counter:bump(); return counter:bump(5), getmetatable(counter)"), [6, "Counter"])
        XCTAssertEqual(counter.value, 6)
        XCTAssertThrowsError(try lua.run("counter.bump(1)", chunkName: "@m.lua")) { error in
            XCTAssertEqual((error as! LuaError).message,
                           "m.lua:1: calling 'bump' on bad self (Counter expected, got number)")
        }
    }

    func testMemoryLimitStopsRunawayAllocation() throws {
        let lua = LuaState(limits: LuaLimits(memoryBytes: 32 << 20))
        XCTAssertThrowsError(try lua.run("local t = {} for i = 1, 1e9 do t[i] = {i} end")) { error in
            let e = error as! LuaError
            XCTAssertEqual(e.kind, .limit(.memory))
            XCTAssertEqual(e.message, "memory limit of 32 MB exceeded")
        }
        XCTAssertThrowsError(try lua.run("return string.rep('x', 1 << 40)")) { error in
            XCTAssertEqual((error as! LuaError).kind, .limit(.memory))
        }
        XCTAssertEqual(try lua.run("return 'still alive'"), ["still alive"])
    }

    func testTimeLimitStopsEndlessLoop() throws {
        let lua = LuaState(limits: LuaLimits(timeout: 0.3))
        XCTAssertThrowsError(try lua.run("while true do end", chunkName: "@loop.lua")) { error in
            let e = error as! LuaError
            XCTAssertEqual(e.kind, .limit(.time))
            XCTAssertEqual(e.message, "loop.lua:1: time limit of 0.3 s exceeded")
        }
    }

    func testCancelFromAnotherThread() throws {
        let lua = LuaState()
        let canceller = lua.canceller
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { canceller.cancel() }
        XCTAssertThrowsError(try lua.run("local n = 0 while true do n = n + 1 end")) { error in
            XCTAssertEqual((error as! LuaError).kind, .limit(.cancelled))
        }
    }
}
