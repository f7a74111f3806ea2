// IsolationTests.swift: a script run in a worker process (`ReportScript.isolation = .process`)
// gives the outputs it gives in-process, is stopped at its limits whatever it is doing, and
// cannot write files or open sockets even through a host function that would let it.
import Foundation
import Scriptorium
import XCTest

final class IsolationTests: XCTestCase {
    private func samples() throws -> LoadedCorpus {
        try LoadedCorpus.load(paths: [EmbeddingTests.root.appendingPathComponent("Samples").path])
    }

    func testAWorkerGivesTheOutputsAndPrintsOfAnInProcessRun() throws {
        let corpus = try samples()
        var script = ReportScript(.file(EmbeddingTests.root.appendingPathComponent("Scripts/keywords.lua").path), params: ["top": "5"],
                                  date: "2026-01-01")
        let inProcess = try ReportEngine.run(script, on: corpus)
        script.isolation = .process
        let isolated = try ReportEngine.run(script, on: corpus)
        XCTAssertEqual(isolated.files, inProcess.files)
        let printing = ReportScript(.text("print('n', #corpus) print('second line')", name: "p.lua"), isolation: .process)
        XCTAssertEqual(try ReportEngine.run(printing, on: corpus).printed, ["n\t14", "second line"])
    }

    func testAWorkerIsStoppedInsideCCodeAndReportsErrorsAsInProcess() throws {
        let corpus = try samples()
        let started = Date()
        let bomb = ReportScript(.text("string.find(string.rep('a', 30), string.rep('a*', 30) .. 'b')", name: "bomb.lua"), timeout: 1,
                                isolation: .process)
        XCTAssertThrowsError(try ReportEngine.run(bomb, on: corpus)) { error in
            XCTAssertEqual((error as? ReportError)?.kind, .timeLimit, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let failing = ReportScript(.text("local x = nil\nprint(x.y)", name: "bad.lua"), isolation: .process)
        XCTAssertThrowsError(try ReportEngine.run(failing, on: corpus)) { error in
            XCTAssertEqual((error as? ReportError)?.kind, .script)
            XCTAssertEqual((error as? ReportError)?.message, "bad.lua:2: attempt to index a nil value (local 'x')")
        }
        let cancellation = ReportCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancellation.cancel() }
        let waiting = ReportScript(.text("string.find(string.rep('a', 30), string.rep('a*', 30) .. 'b')", name: "bomb.lua"),
                                   isolation: .process)
        XCTAssertThrowsError(try ReportEngine.run(waiting, on: corpus, cancellation: cancellation)) { error in
            XCTAssertEqual((error as? ReportError)?.kind, .cancelled, "\(error)")
        }
    }

    /// A host function that writes a file or opens a socket, as a careless embedder might expose:
    /// in a worker it is refused where the kernel takes the seccomp filter.
    func testAWorkerCannotWriteFilesOrOpenSocketsEvenThroughAnUnsafeHostFunction() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("isolation-\(UUID().uuidString).txt")
        addTeardownBlock { try? FileManager.default.removeItem(at: target) }
        let unsafe = HostModule(name: "unsafe", summary: "Deliberately unsafe test helpers.", functions: [
            HostFunction("write", parameters: [HostParameter("path", .string)], returns: "integer", summary: "errno of creating the file, or 0") { args in
                let fd = open(args[0].string ?? "", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd < 0 { return [.integer(Int64(errno))] }
                close(fd)
                return [.integer(0)]
            },
            HostFunction("socket", returns: "integer", summary: "errno of opening a socket, or 0") { _ in
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                if fd < 0 { return [.integer(Int64(errno))] }
                close(fd)
                return [.integer(0)]
            },
        ])
        let source = "print(unsafe.write('\(target.path)'), unsafe.socket())"
        let corpus = try samples()
        let isolated = try ReportEngine.run(ReportScript(.text(source, name: "unsafe.lua"), modules: [unsafe], isolation: .process), on: corpus)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        if !status.contains("Seccomp:") {
            throw XCTSkip("this kernel has no seccomp; the worker ran without its filter: \(isolated.printed)")
        }
        XCTAssertEqual(isolated.printed, ["\(EPERM)\t\(EPERM)"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        // The same function in-process does what it says: the refusal is the worker's.
        let trusted = try ReportEngine.run(ReportScript(.text(source, name: "unsafe.lua"), modules: [unsafe]), on: corpus)
        XCTAssertEqual(trusted.printed, ["0\t0"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: target.path))
    }
}

/// The daemon's way of running due jobs: a job that hangs is killed at its timeout while the
/// others run.
final class DaemonJobTests: XCTestCase {
    func testAJobThatHangsHoldsUpNoOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let samples = EmbeddingTests.root.appendingPathComponent("Samples").path
        try "string.find(string.rep('a', 30), string.rep('a*', 30) .. 'b')".write(to: folder.appendingPathComponent("hang.lua"), atomically: true, encoding: .utf8)
        try "report.csv('n.csv', {'n'}, {{#corpus}})".write(to: folder.appendingPathComponent("quick.lua"), atomically: true, encoding: .utf8)
        let jobs = folder.appendingPathComponent("jobs.toml")
        try """
            [[job]]
            name = "hang"
            script = "\(folder.path)/hang.lua"
            corpus = ["\(samples)"]
            schedule = "* * * * *"
            timeout = 3

            [[job]]
            name = "quick"
            script = "\(folder.path)/quick.lua"
            corpus = ["\(samples)"]
            schedule = "* * * * *"
            """.write(to: jobs, atomically: true, encoding: .utf8)
        let schedule = try ReportSchedule(jobsFile: jobs.path, reports: folder.appendingPathComponent("Reports"), useCache: false)
        let starter = JobStarter(parallel: 2)
        let started = Date()
        XCTAssertTrue(starter.start("hang") { _ = try? schedule.run(job: "hang") })
        XCTAssertFalse(starter.start("hang") { XCTFail("a job never runs twice at once") })
        XCTAssertTrue(starter.start("quick") { _ = try? schedule.run(job: "quick") })
        while starter.endings < 1 && Date().timeIntervalSince(started) < 10 { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(try ReportSchedule.history(reports: folder.appendingPathComponent("Reports"), job: "quick").first?.status, "success")
        XCTAssertEqual(starter.running, 1, "the hanging job is still running")
        starter.waitUntilIdle()
        XCTAssertLessThan(Date().timeIntervalSince(started), 8)
        XCTAssertEqual(try ReportSchedule.history(reports: folder.appendingPathComponent("Reports"), job: "hang").first?.status, "timeout")
    }
}
