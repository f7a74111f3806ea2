// FileListingTests.swift: a corpus folder's files come in String order, however they are sorted
// inside; a list field splits at its separators on the bytes, trimmed, empty items dropped.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class FileListingTests: XCTestCase {
    func testASCIIPathsSortAsStringsDo() {
        let paths = ["/c/b.txt", "/c/a-b.txt", "/c/a.txt", "/c/a/b.txt", "/c/A.txt", "/c/a0.txt", "/c/a.txt.gz", "/c/Z", "/c/_x", "/c/a"]
        XCTAssertEqual(FileSystem.sorted(paths), paths.sorted())
        XCTAssertEqual(FileSystem.sorted(paths), ["/c/A.txt", "/c/Z", "/c/_x", "/c/a", "/c/a-b.txt", "/c/a.txt", "/c/a.txt.gz", "/c/a/b.txt", "/c/a0.txt", "/c/b.txt"])
    }

    func testRandomASCIIPathsSortAsStringsDo() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbZ09-_./ ~".utf8)
        for _ in 0 ..< 200 {
            let paths = (0 ..< 50).map { _ in
                String(decoding: (0 ..< Int.random(in: 0 ... 6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            }
            XCTAssertEqual(FileSystem.sorted(paths), paths.sorted())
        }
    }

    func testPathsInOneFolderThatDifferOnlyPastTheirFirstEightBytesSortAsStringsDo() {
        // A folder's files share its name; these names also share their first eight bytes, or
        // end within them, so the packed bytes tie and the whole paths decide.
        var generator = SystemRandomNumberGenerator()
        let folder = "/data/exports/wos/"
        for _ in 0 ..< 100 {
            let paths = (0 ..< 60).map { _ in
                folder + ["savedrecs", "savedrec", "saved", "savedrecs-2021"].randomElement(using: &generator)!
                    + String(Int.random(in: 0 ... 120, using: &generator)) + [".txt", ".txt.gz", "", "/a.ris"].randomElement(using: &generator)!
            }
            XCTAssertEqual(FileSystem.sorted(paths), paths.sorted())
        }
        XCTAssertEqual(FileSystem.sorted([folder + "b", folder + "a"]), [folder + "a", folder + "b"])
        XCTAssertEqual(FileSystem.sorted([folder]), [folder])
        XCTAssertEqual(FileSystem.sorted([]), [])
    }

    func testPathsWithOtherCharactersAreSortedAsStrings() {
        // "é" written as one scalar and as "e" with a combining accent are the same String.
        let paths = ["/c/caf\u{E9}.txt", "/c/cafe.txt", "/c/cafe\u{301}x.txt", "/c/\u{41A}.txt", "/c/K.txt"]
        XCTAssertEqual(FileSystem.sorted(paths), paths.sorted())
    }

    func testListItemsSplitAtTheirSeparatorsTrimmed() {
        XCTAssertEqual(listItems(" annealing; thin films ,X-ray ;; ,") { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") },
                       ["annealing", "thin films", "X-ray"])
        XCTAssertEqual(semicolonList("Калмыцкий эпос; Джангар, сказители;"), ["Калмыцкий эпос", "Джангар, сказители"])
        XCTAssertEqual(semicolonList(nil), [])
        XCTAssertEqual(semicolonList(" ; "), [])
    }
}
