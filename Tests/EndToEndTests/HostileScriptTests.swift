// HostileScriptTests.swift: scripts that try to reach outside the sandbox, exhaust the machine or
// write outside the output folder, each run through `scriptorium run`: each is refused with a
// clear message, the process survives (an exit status, not a signal), and nothing outside the
// output folder changes.
import Foundation
import XCTest

final class HostileScriptTests: XCTestCase {
    private var work: URL!
    private var out: URL!
    private var outside: URL!

    override func setUpWithError() throws {
        work = try temporaryFolder("hostile")
        out = work.appendingPathComponent("out")
        outside = work.appendingPathComponent("outside.txt")
        try "untouched".write(to: outside, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    /// Runs `source`; returns the status and standard error, after checking the process exited by
    /// itself and the file outside the output folder is as it was.
    private func run(_ source: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> (Int32, String) {
        let script = work.appendingPathComponent("hostile.lua")
        try source.write(to: script, atomically: true, encoding: .utf8)
        let result = try Command.run(["run", script.path, "--corpus", "Samples", "--out", out.path] + extra)
        XCTAssertTrue([1, 2, 4].contains(result.status), "status \(result.status): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "untouched", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("escaped.txt").path), file: file, line: line)
        return (result.status, result.stderr)
    }

    private func refused(_ source: String, saying expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, stderr) = try run(source, file: file, line: line)
        XCTAssertEqual(status, 1, stderr, file: file, line: line)
        XCTAssertTrue(stderr.contains(expected), "expected '\(expected)' in: \(stderr)", file: file, line: line)
    }

    func testNoProcessesFilesOrEnvironment() throws {
        try refused("os.execute('touch /tmp/scriptorium-pwned')", saying: "attempt to call a nil value (field 'execute')")
        try refused("io.popen('ls')", saying: "attempt to index a nil value (global 'io')")
        try refused("local f = io.open('\(outside.path)', 'w')", saying: "attempt to index a nil value (global 'io')")
        try refused("print(os.getenv('HOME'))", saying: "attempt to call a nil value (field 'getenv')")
        try refused("package.loadlib('libc.so.6', 'system')", saying: "attempt to index a nil value (global 'package')")
        try refused("dofile('\(outside.path)')", saying: "attempt to call a nil value (global 'dofile')")
    }

    func testRequireStaysInTheScriptFolders() throws {
        try "return {}".write(to: work.appendingPathComponent("../scriptorium-outside-module.lua"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: work.appendingPathComponent("../scriptorium-outside-module.lua")) }
        try refused("require('../scriptorium-outside-module')", saying: "module name '../scriptorium-outside-module' is not allowed")
        try refused("require('/etc/passwd')", saying: "module name '/etc/passwd' is not allowed")
        try refused("require('scriptorium-nowhere')", saying: "module 'scriptorium-nowhere' not found; looked for")
        try refused("package.path = '/?.lua'; require('etc/passwd')", saying: "attempt to index a nil value (global 'package')")
    }

    func testNoBytecodeNoDebugNoMetatableTampering() throws {
        try refused("assert(load(string.dump(function() end)))", saying: "attempt to call a nil value (field 'dump')")
        try refused("assert(load('\\27Lua'))", saying: "attempt to load a binary chunk (mode is 't')")
        try refused("assert(load('return 1', 'x', 'b'))", saying: "only text chunks may be loaded (mode 't'), not mode 'b'")
        try refused("debug.sethook(function() end, '', 1)", saying: "attempt to index a nil value (global 'debug')")
        try refused("setmetatable('', {})", saying: "bad argument #1 to 'setmetatable' (table expected, got string)")
        try refused("getmetatable('').__index = {}", saying: "attempt to index a boolean value")
    }

    func testResourceExhaustionEndsInALimit() throws {
        var (status, stderr) = try run("while true do end", ["--timeout", "1"])
        XCTAssertEqual(status, 4, stderr)
        XCTAssertTrue(stderr.contains("time limit of 1 s exceeded"), stderr)
        // Inside a function the engine calls back (a filter's predicate), the limit stays a limit.
        (status, stderr) = try run("corpus:filter(function(doc) while true do end end)", ["--timeout", "1", "--in-process"])
        XCTAssertEqual(status, 4, stderr)
        XCTAssertTrue(stderr.contains("time limit of 1 s exceeded"), stderr)
        (status, stderr) = try run("local t = {} for i = 1, 1e9 do t[i] = i end", ["--max-memory", "64"])
        XCTAssertEqual(status, 4, stderr)
        XCTAssertTrue(stderr.contains("memory limit of 64 MB exceeded"), stderr)
        for bomb in ["local s = string.rep('x', 1 << 40)", "local s = ('ab'):rep(1 << 29, ',')", "local s = string.rep('x', 1 << 20) .. string.rep('y', 1 << 26)"] {
            (status, stderr) = try run(bomb, ["--max-memory", "64"])
            XCTAssertEqual(status, 4, "\(bomb): \(stderr)")
            XCTAssertTrue(stderr.contains("memory limit of 64 MB exceeded"), stderr)
        }
        // The collector cannot be stopped: collectgarbage is not in the sandbox.
        (status, stderr) = try run("collectgarbage('stop') local t = {} for i = 1, 1e9 do t[i] = {} end", ["--max-memory", "64"])
        XCTAssertEqual(status, 1, stderr)
        XCTAssertTrue(stderr.contains("attempt to call a nil value (global 'collectgarbage')"), stderr)
    }

    /// Code Lua cannot interrupt (a pattern matched inside the C string library, a finalizer that
    /// loops as the run ends) and outputs past their limits: each run ends in a limit (status 4)
    /// within its bound, and nothing is written.
    func testEscapesFromTheClockEndInALimitWithinTheBound() throws {
        let cases: [(source: String, options: [String], message: String)] = [
            ("string.find(string.rep('a', 28), string.rep('a*', 28) .. 'b')", ["--timeout", "2"], "time limit of 2 s exceeded"),
            ("setmetatable({}, {__gc = function() while true do end end}) report.csv('x.csv', {'a'}, {{1}})", ["--timeout", "2"],
             "time limit of 2 s exceeded"),
            ("for i = 1, 200000 do report.csv('f' .. i .. '.csv', {'a'}, {{i}}) end", ["--max-outputs", "50"],
             "a run may write at most 50 files"),
            ("local s = string.rep('x', 2 * 1024 * 1024) report.csv('big.csv', {'a'}, {{s}})", ["--max-output-mb", "1"],
             "a run may write at most 1 MB"),
            ("local t = {} for i = 1, 1e6 do t[i] = string.rep('y', 1 << 20) end print(#table.concat(t))", ["--max-memory", "128"],
             "memory limit of 128 MB exceeded"),
        ]
        for c in cases {
            let started = Date()
            let (status, stderr) = try run(c.source, c.options)
            let seconds = Date().timeIntervalSince(started)
            XCTAssertEqual(status, 4, "\(c.source): \(stderr)")
            XCTAssertTrue(stderr.contains(c.message), "expected '\(c.message)' in: \(stderr)")
            XCTAssertLessThan(seconds, 8, "\(c.source) took \(seconds) s")
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [], [], "\(c.source) left files")
        }
    }

    func testDeepRecursionIsAnErrorNotACrash() throws {
        try refused("local function f(n) return 1 + f(n + 1) end f(1)", saying: "stack overflow")
        try refused("local co = coroutine.wrap(function() local function f() return 1 + f() end return f() end) co()", saying: "stack overflow")
        // Through a Swift callback: a predicate that filters the corpus again, without end.
        try refused("local function p(doc) return #corpus:filter(p) > 0 end corpus:filter(p)", saying: "stack overflow")
    }

    func testReportNamesCannotLeaveTheOutputFolder() throws {
        try refused("report.csv('../escaped.txt', {'a'}, {{1}})", saying: "'../escaped.txt'")
        try refused("report.csv('\(outside.path)', {'a'}, {{1}})", saying: "'\(outside.path)'")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("link"), withDestinationURL: work)
        try refused("report.csv('link/outside.txt', {'a'}, {{1}})", saying: "'link/outside.txt'")
    }
}
