// ReaderFuzzer.swift: the corpus readers under libFuzzer. Built with `-DFUZZING` and
// `-sanitize=fuzzer,address` (see `Tools/fuzz`), each input goes through the same path as a file
// on disk: gzip check, format recognition (or the format named by SCRIPTORIUM_FUZZ_FORMAT),
// decoding, the reader, duplicate merging and reference linking. SCRIPTORIUM_FUZZ_FORMAT=pack
// reads each input as a pack instead (an Arrow IPC file, as `--corpus FILE.arrow` maps it) and
// reads every document of it. Built normally, it replays the files named on the command line the
// same way, so a crashing input can be rerun by hand.
import Arrow
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

/// Whether the inputs are packs.
let fuzzingPacks = ProcessInfo.processInfo.environment["SCRIPTORIUM_FUZZ_FORMAT"] == "pack"

/// The reader under test: the one named by SCRIPTORIUM_FUZZ_FORMAT, or recognition from the bytes.
let fuzzedFormat: CorpusFormat? = {
    guard !fuzzingPacks, let name = ProcessInfo.processInfo.environment["SCRIPTORIUM_FUZZ_FORMAT"], !name.isEmpty else { return nil }
    guard let format = CorpusFormat(rawValue: name) else {
        fatalError("SCRIPTORIUM_FUZZ_FORMAT=\(name) is not one of \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return format
}()

/// Reads one input as a corpus file and exercises what loading does with the records.
func readInput(_ bytes: [UInt8], path: String) -> Int {
    if fuzzingPacks { return readPack(bytes) }
    var buffer = bytes
    var store = DocumentStore()
    _ = CorpusLoader.readBytes(&buffer, path: path, format: fuzzedFormat, into: &store)
    let (merged, _) = DocumentMerger.merge(store)
    let corpus = Corpus(store: merged)
    return corpus.count + corpus.citations.linked
}

/// Reads one input as a pack: refused, or every document read whole.
func readPack(_ bytes: [UInt8]) -> Int {
    guard let file = try? ArrowFile(bytes: bytes), let store = try? StorePack.read(file) else { return 0 }
    let corpus = Corpus(store: store)
    return corpus.documents.reduce(0) { $0 + $1.references.count } + corpus.citations.linked
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = readInput(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz-input")
    return 0
}

#if FUZZING
/// libFuzzer's entry for programs that keep their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

@main
enum ReaderFuzzer {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
        #else
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: ReaderFuzzer FILE... (SCRIPTORIUM_FUZZ_FORMAT=NAME forces a format)")
            return
        }
        for path in paths {
            var bytes: [UInt8] = []
            guard FileSystem.read(path, into: &bytes) else { print("\(path): cannot be read"); continue }
            print("\(path): \(readInput(bytes, path: path))")
        }
        #endif
    }
}
