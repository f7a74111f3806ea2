// CSVWriterTests.swift: CSV files are RFC 4180 and read back cell for cell by a real CSV reader.
import Tables
import Foundation
import Reports
import XCTest

final class CSVWriterTests: XCTestCase {
    let header = ["text", "number"]
    let rows: [[Cell]] = [
        [.text("comma, inside"), .int(1)],
        [.text("a \"quoted\" word"), .number(2.5)],
        [.text("two\nlines"), .int(-3)],
        [.text("Кириллица и 漢字"), .null],
        [.text("=HYPERLINK(\"http://x\")"), .number(-3.5)],
    ]

    func testQuotingAndFormulaProtection() {
        XCTAssertEqual(CSVWriter.render(header: header, rows: rows), """
            text,number\r
            "comma, inside",1\r
            "a ""quoted"" word",2.5\r
            "two
            lines",-3\r
            Кириллица и 漢字,\r
            "'=HYPERLINK(""http://x"")",-3.5\r

            """)
    }

    func testRawCellsAndOtherSeparators() {
        let text = CSVWriter.render(header: ["a"], rows: [[.text("=1+1")], [.text("x;y")]], options: CSVOptions(separator: ";", raw: true, byteOrderMark: true))
        XCTAssertEqual(text, "\u{FEFF}a\r\n=1+1\r\n\"x;y\"\r\n")
    }

    /// Python's csv module reads the file back to the same cells.
    func testReadBackByPythonCSVModule() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) ?? which("python3") else {
            throw XCTSkip("python3 is not installed: cannot read the CSV back with a real CSV reader")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(CSVWriter.render(header: header, rows: rows).utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let parsed = try JSONDecoder().decode([[String]].self, from: output)
        XCTAssertEqual(parsed, [header] + rows.map { row in
            row.map { cell in
                if case .text(let s) = cell, s.hasPrefix("=") { return "'" + s }
                return cell.description
            }
        })
        XCTAssertEqual(parsed[3][0], "two\nlines")
    }

    private func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first(where: FileManager.default.isExecutableFile)
    }
}
