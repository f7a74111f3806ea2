// SandboxTests.swift: a script sees only the allow-list; every other capability is absent or refused.
import Foundation
import Lua
import XCTest

final class SandboxTests: XCTestCase {
    private func sandbox(modulePaths: [URL] = [], printed: ((String) -> Void)? = nil) throws -> Sandbox {
        try Sandbox(state: LuaState(), options: SandboxOptions(modulePaths: modulePaths, print: printed ?? { _ in }))
    }

    func testOnlyAllowListedGlobalsExist() throws {
        let box = try sandbox()
        let names = try box.run("local n = {} for k in pairs(_G) do n[#n + 1] = k end table.sort(n) return table.concat(n, ' ')")
        XCTAssertEqual(names.first?.stringValue?.split(separator: " ").map(String.init), Sandbox.baseGlobals.sorted())
        let osNames = try box.run("local n = {} for k in pairs(os) do n[#n + 1] = k end table.sort(n) return table.concat(n, ' ')")
        XCTAssertEqual(osNames, ["clock date difftime time"])
    }

    func testForbiddenCapabilitiesAreAbsent() throws {
        let box = try sandbox()
        for expression in ["io", "debug", "package", "dofile", "loadfile", "collectgarbage", "os.execute",
                           "os.getenv", "os.remove", "os.rename", "os.exit", "os.tmpname"] {
            XCTAssertEqual(try box.run("return \(expression)"), [nil], expression)
        }
        XCTAssertThrowsError(try box.run("io.open('/etc/passwd')", chunkName: "@evil.lua")) { error in
            XCTAssertEqual((error as! LuaError).message, "evil.lua:1: attempt to index a nil value (global 'io')")
        }
        XCTAssertThrowsError(try box.run("package.loadlib('libc.so.6', 'system')"))
    }

    func testLoadRefusesBinaryChunks() throws {
        let box = try sandbox()
        XCTAssertEqual(try box.run("return string.dump"), [nil], "no bytecode leaves the sandbox")
        let result = try box.run("return load('\\27Lua' .. string.rep('x', 40))")
        XCTAssertEqual(result[0], nil)
        XCTAssertTrue(result[1].stringValue?.contains("attempt to load a binary chunk") ?? false, "\(result)")
        let explicit = try box.run("return load('return 1', 'x', 'b')")
        XCTAssertEqual(explicit[0], nil)
        XCTAssertEqual(try box.run("return load('return 1 + 1')()"), [2])
    }

    func testLoadedChunksSeeTheSandboxNotTheRealGlobals() throws {
        let box = try sandbox()
        XCTAssertEqual(try box.run("return load('return io')()"), [nil])
    }

    func testStringMetatableIsLocked() throws {
        let box = try sandbox()
        XCTAssertEqual(try box.run("return getmetatable('')"), [false])
        XCTAssertThrowsError(try box.run("getmetatable('').__index = {}"))
        XCTAssertThrowsError(try box.run("setmetatable('', {})"))
        XCTAssertEqual(try box.run("return ('abc'):upper()"), ["ABC"])
    }

    func testPrintGoesToTheHostSink() throws {
        var lines: [String] = []
        let box = try sandbox(printed: { lines.append($0) })
        try box.run("print('a', 1, nil, true)")
        XCTAssertEqual(lines, ["a\t1\tnil\ttrue"])
    }

    func testRequireLoadsOnlyFromAllowedFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        let lib = root.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib.appendingPathComponent("util"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "return { answer = 42 }".write(to: lib.appendingPathComponent("helpers.lua"), atomically: true, encoding: .utf8)
        try "return 'nested'".write(to: lib.appendingPathComponent("util/text.lua"), atomically: true, encoding: .utf8)
        try "return 'secret'".write(to: root.appendingPathComponent("outside.lua"), atomically: true, encoding: .utf8)
        let box = try sandbox(modulePaths: [lib])
        XCTAssertEqual(try box.run("return require('helpers').answer, require('util.text')"), [42, "nested"])
        XCTAssertEqual(try box.run("return require('helpers') == require('helpers')"), [true])
        for name in ["../outside", "/etc/passwd", "..outside", "missing"] {
            XCTAssertThrowsError(try box.run("require('\(name)')", chunkName: "@s.lua"), name) { error in
                XCTAssertTrue((error as! LuaError).message.hasPrefix("s.lua:1: "), "\(error)")
            }
        }
    }
}
