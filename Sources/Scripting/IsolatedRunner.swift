// IsolatedRunner.swift: runs a script in a worker process that can be killed, so that no code path
// (a Lua pattern inside the C string library, a finalizer, a host function) outlives the run's
// limits. The worker is forked from the process that loaded the corpus, so it has the corpus
// without reading or copying it; it confines itself (`scr_confine_worker`: only its pipe to the
// parent, no file writing, no sockets or new programs where seccomp allows, bounded CPU time and
// address space), runs the script as `ScriptRunner` does, renders the outputs and sends them back.
// The parent alone writes files. It kills the worker at the deadline (plus a short grace for the
// script's own limit error) or on cancellation, and reports that as the limit it is.
import CIsolation
import Corpus
import CorpusBytes
import Foundation
import Lua
import Reports

package enum IsolatedRunner {
    /// Seconds past the time limit the parent waits for the worker's own limit error (which
    /// names the line the script was at) before it kills the worker.
    static let grace = 1.0

    /// Runs `request` over `corpus` in a worker process; throws `ScriptFailure` as `ScriptRunner.run` does.
    package static func run(_ request: ScriptRequest, corpus: Corpus, cancel: RunCancellation? = nil) throws -> RunResult {
        var fds: [Int32] = [-1, -1]
        guard scr_pipe(&fds) == 0 else { throw failure("cannot make the worker's channel: \(String(cString: strerror(errno)))") }
        let limits = request.limits
        let deadline = limits.timeout.map { LuaState.monotonicSeconds() + $0 + grace }
        // The address space the worker may map: what this process maps now (the corpus, the
        // code), twice Lua's limit (Lua's memory and the Swift values made from it), and 1 GB.
        let addressSpace = limits.memoryMB.map { scr_address_space_bytes() + Int64($0) * 2 * 1_048_576 + (1 << 30) } ?? 0
        let cpuSeconds = limits.timeout.map { Int(($0 + grace) * Double(ProcessInfo.processInfo.activeProcessorCount)) + 2 } ?? 0
        let parent = getpid()
        fflush(nil)
        let pid = fork()
        if pid < 0 {
            close(fds[0])
            close(fds[1])
            throw failure("cannot start the worker process: \(String(cString: strerror(errno)))")
        }
        if pid == 0 {
            close(fds[0])
            // The script runs on a thread started in the worker, not on the thread fork copied:
            // that one keeps the parent's thread id cached, and the Swift runtime's locks (the
            // one-time initialisation of a global, among them) record their owner by it, so a
            // second thread waiting on one would wait for ever.
            onNewThread {
                work(request, corpus: corpus, channel: fds[1], parent: parent, cpuSeconds: cpuSeconds, addressSpace: addressSpace)
            }
        }
        close(fds[1])
        defer { close(fds[0]) }

        var channel = FrameReader(fd: fds[0])
        var outcome: WorkerMessage?
        var stop: LuaError?
        reading: while true {
            if cancel?.isCancelled == true {
                stop = LuaError(kind: .limit(.cancelled), message: "run cancelled")
                break
            }
            var wait = 100.0
            if let deadline {
                let left = deadline - LuaState.monotonicSeconds()
                if left <= 0 {
                    stop = timeLimit(limits.timeout ?? 0)
                    break
                }
                wait = min(wait, left * 1000 + 1)
            }
            switch channel.next(waitingMS: Int32(wait)) {
            case .message(.printed(let line)): request.print(line)
            case .message(.progress(let event)): ProgressSink.aggregations?.forward(event)
            case .message(let message): outcome = message
            case .nothingYet: continue
            case .closed: break reading
            }
        }
        if stop != nil { kill(pid, SIGKILL) }
        // The worker exits once it has sent its result; a worker that lingers is killed at the
        // deadline as one that never answered.
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if cancel?.isCancelled == true && stop == nil { stop = LuaError(kind: .limit(.cancelled), message: "run cancelled") }
            if let deadline, LuaState.monotonicSeconds() > deadline, stop == nil { stop = timeLimit(limits.timeout ?? 0) }
            if stop != nil {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(2000)
        }
        if let stop { throw ScriptFailure.limit(stop) }
        switch outcome {
        case .outputs(let files, let peak, let seconds)?:
            let set = OutputSet(limits: limits.outputs)
            for f in files {
                do { try set.add(Output(name: f.name, mediaType: f.mediaType, bytes: f.bytes)) } catch { throw failure("\(error)") }
            }
            return RunResult(outputs: set, peakLuaMemory: peak, seconds: seconds)
        case .failure(let f)?:
            throw f
        default:
            throw ScriptFailure.limit(ended(status, limits: limits))
        }
    }

    // MARK: the worker

    private static func work(_ request: ScriptRequest, corpus: Corpus, channel: Int32, parent: pid_t,
                             cpuSeconds: Int, addressSpace: Int64) -> Never {
        var filtered: Int32 = 0
        let fd = scr_confine_worker(channel, parent, cpuSeconds, addressSpace, &filtered)
        guard fd >= 0 else { _exit(126) }
        var request = request
        request.print = { send(.printed($0), to: fd) }
        if ProgressSink.aggregations != nil {
            ProgressSink.aggregations = ProgressSink { send(.progress($0), to: fd) }
        }
        let message: WorkerMessage
        do {
            let result = try ScriptRunner.run(request, corpus: corpus)
            do {
                message = .outputs(try result.outputs.rendered(), peakLuaMemory: result.peakLuaMemory, seconds: result.seconds)
            } catch {
                message = .failure(.limit(LuaError(kind: .limit(.outputs), message: "\(error)")))
            }
        } catch let f as ScriptFailure {
            message = .failure(f)
        } catch {
            message = .failure(.script(LuaError(kind: .runtime, message: "\(error)")))
        }
        send(message, to: fd)
        _exit(0)
    }

    /// Sends one message whole: the aggregations' threads report progress while the script prints.
    private static let sending = NSLock()

    private static func send(_ message: WorkerMessage, to fd: Int32) {
        let bytes = message.encoded()
        sending.lock()
        defer { sending.unlock() }
        bytes.withUnsafeBytes { raw in
            var at = 0
            while at < raw.count {
                let n = write(fd, raw.baseAddress! + at, raw.count - at)
                if n < 0 {
                    if errno == EINTR { continue }
                    _exit(125)
                }
                at += n
            }
        }
    }

    // MARK: helpers

    /// Runs `body` (which never returns) on a new thread with a stack as large as the main
    /// thread's; the calling thread waits.
    private static func onNewThread(_ body: @escaping () -> Never) -> Never {
        final class Box { let body: () -> Never; init(_ body: @escaping () -> Never) { self.body = body } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 64 << 20)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        guard pthread_create(&thread, &attributes, { raw in Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body() }, box) == 0 else { _exit(124) }
        pthread_join(thread, nil)
        _exit(124)
    }

    private static func timeLimit(_ seconds: Double) -> LuaError {
        LuaError(kind: .limit(.time), message: LuaState.timeLimitMessage(seconds) + " (the script was stopped where Lua could not stop it)")
    }

    private static func failure(_ message: String) -> ScriptFailure {
        .script(LuaError(kind: .runtime, message: message))
    }

    /// Why a worker ended without a result: a limit the kernel enforced, or a crash.
    private static func ended(_ status: Int32, limits: RunLimits) -> LuaError {
        let signal = status & 0x7F
        if signal == SIGXCPU { return timeLimit(limits.timeout ?? 0) }
        if signal != 0, let mb = limits.memoryMB {
            return LuaError(kind: .limit(.memory), message: "the script's worker process ended (signal \(signal)): past the memory limit of \(mb) MB, or a crash")
        }
        let code = (status >> 8) & 0xFF
        return LuaError(kind: .runtime, message: "the script's worker process ended without a result (\(signal != 0 ? "signal \(signal)" : "exit status \(code)"))")
    }
}

/// Reads the worker's messages from the parent's end of the pipe, as they arrive.
private struct FrameReader {
    enum Event {
        case message(WorkerMessage)
        case nothingYet
        case closed
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var eof = false

    init(fd: Int32) { self.fd = fd }

    /// The next whole message, waiting at most `waitingMS` for more bytes.
    mutating func next(waitingMS: Int32) -> Event {
        while true {
            if let message = takeMessage() { return message }
            if eof { return .closed }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, waitingMS)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return .nothingYet }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                eof = true
                continue
            }
            buffer.append(contentsOf: chunk[0 ..< n])
        }
    }

    private mutating func takeMessage() -> Event? {
        guard buffer.count >= 9 else { return nil }
        var length = 0
        for k in 0 ..< 8 { length |= Int(buffer[1 + k]) << (8 * k) }
        guard buffer.count >= 9 + length else { return nil }
        let kind = buffer[0]
        let payload = Array(buffer[9 ..< 9 + length])
        buffer.removeFirst(9 + length)
        guard let message = WorkerMessage.decode(kind: kind, payload) else { return .closed }
        return .message(message)
    }
}
