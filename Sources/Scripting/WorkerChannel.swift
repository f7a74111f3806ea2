// WorkerChannel.swift: the messages an isolated run's worker sends its parent over a pipe: each
// line the script prints, then its outputs or why it failed. A message is a kind byte, a length
// (8 bytes, little-endian) and a payload of length-prefixed fields.
import CorpusBytes
import Foundation
import Lua
import Reports

enum WorkerMessage {
    case printed(String)
    /// How far an aggregation has gone, for the parent's progress bar.
    case progress(ProgressSink.Event)
    case outputs([(name: String, mediaType: String, bytes: [UInt8])], peakLuaMemory: Int, seconds: Double)
    case failure(ScriptFailure)

    // MARK: encoding

    func encoded() -> [UInt8] {
        var payload = WireWriter()
        let kind: UInt8
        switch self {
        case .printed(let line):
            kind = 1
            payload.string(line)
        case .progress(let e):
            kind = 4
            payload.string(e.stage)
            payload.integer(e.done)
            payload.integer(e.total)
            payload.string(e.unit)
            payload.integer(e.finished ? 1 : 0)
        case .outputs(let files, let peak, let seconds):
            kind = 2
            payload.integer(peak)
            payload.integer(Int(seconds * 1_000_000))
            payload.integer(files.count)
            for f in files {
                payload.string(f.name)
                payload.string(f.mediaType)
                payload.bytes(f.bytes)
            }
        case .failure(let failure):
            kind = 3
            WorkerMessage.encode(failure, into: &payload)
        }
        var frame = WireWriter()
        frame.out.append(kind)
        frame.integer(payload.out.count)
        frame.out.append(contentsOf: payload.out)
        return frame.out
    }

    private static func encode(_ failure: ScriptFailure, into w: inout WireWriter) {
        switch failure {
        case .unreadable(let path, let why): w.integer(0); w.string(path); w.string(why)
        case .script(let e): w.integer(1); encode(e, into: &w)
        case .limit(let e): w.integer(2); encode(e, into: &w)
        case .description(let e): w.integer(3); w.string(e.script); w.integer(e.problems.count); e.problems.forEach { w.string($0) }
        case .parameters(let e): w.integer(4); w.string(e.description)
        case .host(let problem): w.integer(5); w.string(problem)
        }
    }

    private static func encode(_ e: LuaError, into w: inout WireWriter) {
        switch e.kind {
        case .syntax: w.string("syntax")
        case .runtime: w.string("runtime")
        case .limit(let limit): w.string(limit.rawValue)
        }
        w.string(e.message)
        w.string(e.traceback)
    }

    // MARK: decoding

    /// The message of kind `kind` with this payload, or nil when the payload is not one.
    static func decode(kind: UInt8, _ payload: [UInt8]) -> WorkerMessage? {
        var r = WireReader(bytes: payload)
        switch kind {
        case 1: return r.string().map(WorkerMessage.printed)
        case 2:
            guard let peak = r.integer(), let micros = r.integer(), let count = r.integer() else { return nil }
            var files: [(name: String, mediaType: String, bytes: [UInt8])] = []
            for _ in 0 ..< count {
                guard let name = r.string(), let type = r.string(), let bytes = r.bytes() else { return nil }
                files.append((name, type, bytes))
            }
            return .outputs(files, peakLuaMemory: peak, seconds: Double(micros) / 1_000_000)
        case 3: return failure(&r).map(WorkerMessage.failure)
        case 4:
            guard let stage = r.string(), let done = r.integer(), let total = r.integer(), let unit = r.string(), let finished = r.integer() else { return nil }
            return .progress(ProgressSink.Event(stage: stage, done: done, total: total, unit: unit, finished: finished != 0))
        default: return nil
        }
    }

    private static func failure(_ r: inout WireReader) -> ScriptFailure? {
        switch r.integer() {
        case 0: guard let path = r.string(), let why = r.string() else { return nil }; return .unreadable(path, why)
        case 1: return luaError(&r).map(ScriptFailure.script)
        case 2: return luaError(&r).map(ScriptFailure.limit)
        case 3:
            guard let script = r.string(), let count = r.integer() else { return nil }
            let problems = (0 ..< count).compactMap { _ in r.string() }
            return .description(ScriptDescriptionError(script: script, problems: problems))
        case 4: return r.string().map { .parameters(ScriptParameterError($0)) }
        case 5: return r.string().map(ScriptFailure.host)
        default: return nil
        }
    }

    private static func luaError(_ r: inout WireReader) -> LuaError? {
        guard let kindName = r.string(), let message = r.string(), let traceback = r.string() else { return nil }
        let kind: LuaError.Kind
        switch kindName {
        case "syntax": kind = .syntax
        case "runtime": kind = .runtime
        default: kind = LuaLimit(rawValue: kindName).map(LuaError.Kind.limit) ?? .runtime
        }
        return LuaError(kind: kind, message: message, traceback: traceback)
    }
}

struct WireWriter {
    var out: [UInt8] = []

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: UInt64(bitPattern: Int64(value)).littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func bytes(_ value: [UInt8]) {
        integer(value.count)
        out.append(contentsOf: value)
    }

    mutating func string(_ value: String) { bytes(Array(value.utf8)) }
}

struct WireReader {
    let data: [UInt8]
    var at = 0

    init(bytes: [UInt8]) { data = bytes }

    mutating func integer() -> Int? {
        guard at + 8 <= data.count else { return nil }
        var value: UInt64 = 0
        for k in 0 ..< 8 { value |= UInt64(data[at + k]) << (8 * UInt64(k)) }
        at += 8
        return Int(Int64(bitPattern: value))
    }

    mutating func bytes() -> [UInt8]? {
        guard let n = integer(), n >= 0, at + n <= data.count else { return nil }
        defer { at += n }
        return Array(data[at ..< at + n])
    }

    mutating func string() -> String? { bytes().map { String(decoding: $0, as: UTF8.self) } }
}
