// MalformedInputTests.swift: every reader fed truncated, byte-flipped and random variants of the
// real exports must report warnings or read what it can, and never crash the process.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class MalformedInputTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    /// A small deterministic generator, so a failure can be reproduced.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let samples = [
        "wos/bibx-savedrecs.txt", "scopus/bibx-scopus.csv", "ris/bibx-scopus.ris", "bibtex/bibx-scopus.bib",
        "bibtex/biblatex-examples.bib", "pubmed/pubmed4.xml", "medline/pubmed-balloongui-set.nbib",
        "jats/pone.0000217.nxml", "crossref/habanero-works.json", "seed/000_615293a814c0eef9.txt",
    ]

    /// Variants of the first 60 KB of a file: cut at random points, with bytes changed, and with
    /// random bytes spliced in.
    private func variants(of bytes: [UInt8], _ rng: inout SplitMix) -> [[UInt8]] {
        let head = Array(bytes.prefix(60_000))
        var out: [[UInt8]] = []
        for _ in 0..<6 { out.append(Array(head.prefix(Int.random(in: 0 ... head.count, using: &rng)))) }
        for _ in 0..<6 {
            var v = head
            for _ in 0..<max(1, v.count / 500) {
                v[Int.random(in: 0 ..< v.count, using: &rng)] = UInt8.random(in: 0 ... 255, using: &rng)
            }
            out.append(v)
        }
        for _ in 0..<3 {
            var v = head
            let at = Int.random(in: 0 ... v.count, using: &rng)
            v.insert(contentsOf: (0..<200).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }, at: at)
            out.append(v)
        }
        // Structure characters where text was, and text where structure was.
        out.append(head.map { $0 == UInt8(ascii: "}") ? UInt8(ascii: "{") : $0 })
        out.append(head.map { $0 == UInt8(ascii: ">") ? UInt8(ascii: "<") : $0 })
        out.append(head.map { $0 == UInt8(ascii: "\"") ? UInt8(ascii: ",") : $0 })
        return out
    }

    func testReadersSurviveMalformedVariantsOfRealExports() throws {
        var rng = SplitMix(state: 2026)
        var loaded = 0
        for sample in Self.samples {
            let path = try SharedCorpora.file(sample)
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let name = URL(fileURLWithPath: path).lastPathComponent
            let format = bytes.withUnsafeBufferPointer { CorpusFormat.detect(path: path, bytes: $0) }
            for (n, variant) in variants(of: bytes, &rng).enumerated() {
                let file = try fixtures.write("v\(n)-\(name)", variant)
                // Each variant read as recognised and as the original's format: errors are fine, a crash is not.
                for options in [LoadOptions(), LoadOptions(format: format)] {
                    if let corpus = try? CorpusLoader.load(paths: [file], options: options) {
                        loaded += 1
                        _ = corpus.citations
                        // A document without a title is kept only with a warning that says so.
                        let untitled = corpus.documents.filter { $0.title.isEmpty }.count
                        let warned = corpus.diagnostics.filter { $0.message.contains("kept with an empty title") }.count
                        XCTAssertLessThanOrEqual(untitled, warned, "\(sample) variant \(n)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(loaded, 100, "most variants still hold readable records")
    }

    func testRandomBytesUnderEveryFormat() throws {
        var rng = SplitMix(state: 7)
        for format in CorpusFormat.allCases {
            for n in 0..<5 {
                let bytes = (0..<Int.random(in: 1 ... 4000, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
                let file = try fixtures.write("random\(n).\(format.rawValue)", bytes)
                do {
                    _ = try CorpusLoader.load(paths: [file], options: LoadOptions(format: format))
                } catch let failure as CorpusLoadFailure {
                    XCTAssertFalse(failure.diagnostics.isEmpty, "\(format): a refused file says why")
                }
            }
        }
    }

    /// Inputs that once crashed a reader under the fuzzer (Tools/fuzz), named FORMAT-what.txt:
    /// each is read with its format and must give its records or warnings, never a crash.
    func testInputsFoundByTheFuzzerAreReadWithoutCrashing() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let formatName = String(name.prefix { $0 != "-" })
            let format = try XCTUnwrap(CorpusFormat(rawValue: formatName), "\(name) must start with a format name")
            var bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
            var store = DocumentStore()
            let (read, _) = CorpusLoader.readBytes(&bytes, path: name, format: format, into: &store)
            XCTAssertEqual(read, format, name)
            let corpus = Corpus(store: DocumentMerger.merge(store).0)
            _ = corpus.citations
        }
    }

    /// A Web of Science reference whose "DOI" part has no value once trimmed.
    func testWebOfScienceReferenceWithAnEmptyDOIPart() throws {
        let path = try fixtures.write("empty-doi.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Lee, A\nTI A title\nCR Smith J, 2001, J MAGN, DOI , V5\nPY 2002\nER\n\nEF\n")
        let corpus = try CorpusLoader.load(paths: [path])
        let reference = try XCTUnwrap(corpus.documents.first?.references.first)
        XCTAssertEqual(reference.year, 2001)
        XCTAssertEqual(reference.container, "J MAGN")
        XCTAssertNil(reference.doi)
        XCTAssertEqual(reference.volume, "5")
    }
}
