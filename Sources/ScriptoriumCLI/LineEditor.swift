// LineEditor.swift: reading the shell's input lines: on a terminal, with line editing (arrows,
// Home/End, Ctrl-A/E/K/U/W, backspace, delete) and a history kept in a file (Up/Down walk it);
// from a pipe, plain lines with no prompt.
import Foundation

final class LineEditor {
    private var history: [String] = []
    private let historyFile: URL?
    /// Completions of the text before the cursor, for Tab.
    var complete: (String) -> [String] = { _ in [] }
    let isTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1

    init(historyFile: URL?) {
        self.historyFile = historyFile
        if let historyFile, let text = try? String(contentsOf: historyFile, encoding: .utf8) {
            history = text.split(separator: "\n").map(String.init).suffix(1000)
        }
    }

    /// The next line without its line end, or nil at the end of input (Ctrl-D on an empty line).
    func readLine(prompt: String) -> String? {
        guard isTerminal else { return Swift.readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        return edit(prompt: prompt)
    }

    /// Adds a line typed at a terminal to the history and its file.
    func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard isTerminal, !trimmed.isEmpty, history.last != line else { return }
        history.append(line)
        guard let historyFile else { return }
        if let handle = try? FileHandle(forWritingTo: historyFile) {
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            try? handle.close()
        } else {
            try? (line + "\n").write(to: historyFile, atomically: false, encoding: .utf8)
        }
    }

    private func edit(prompt: String) -> String? {
        var text: [Character] = []
        var cursor = 0
        var recall = history.count
        var pending: [UInt8] = []
        func redraw() {
            let after = text.count - cursor
            write("\r" + prompt + String(text) + "\u{1B}[K" + (after > 0 ? "\u{1B}[\(after)D" : ""))
        }
        write(prompt)
        while let byte = readByte() {
            switch byte {
            case 13, 10:
                write("\r\n")
                return String(text)
            case 4 where text.isEmpty:
                write("\r\n")
                return nil
            case 4 where cursor < text.count: text.remove(at: cursor)
            case 3:
                write("^C\r\n")
                return ""
            case 9:
                let before = String(text[..<cursor])
                let options = complete(before)
                guard let first = options.first else { break }
                var common = first
                for o in options.dropFirst() { common = String(common.commonPrefix(with: o)) }
                // The completions replace the name before the cursor: the longest end of the
                // text that they start with.
                let typed = Array(before), wanted = Array(first)
                let token = stride(from: min(typed.count, wanted.count), through: 0, by: -1).first {
                    typed.suffix($0).elementsEqual(wanted.prefix($0))
                } ?? 0
                if common.count > token {
                    let added = Array(common.dropFirst(token))
                    text.insert(contentsOf: added, at: cursor)
                    cursor += added.count
                } else if options.count > 1 {
                    write("\r\n" + options.joined(separator: "  ") + "\r\n")
                }
            case 127, 8:
                if cursor > 0 { text.remove(at: cursor - 1); cursor -= 1 }
            case 1: cursor = 0
            case 5: cursor = text.count
            case 11: text.removeSubrange(cursor...)
            case 21: text.removeSubrange(..<cursor); cursor = 0
            case 23:
                var start = cursor
                while start > 0 && text[start - 1] == " " { start -= 1 }
                while start > 0 && text[start - 1] != " " { start -= 1 }
                text.removeSubrange(start ..< cursor)
                cursor = start
            case 27:
                guard readByte() == UInt8(ascii: "["), let key = readByte() else { break }
                switch key {
                case UInt8(ascii: "A"), UInt8(ascii: "B"):
                    let next = key == UInt8(ascii: "A") ? recall - 1 : recall + 1
                    guard next >= 0 && next <= history.count else { break }
                    recall = next
                    text = next == history.count ? [] : Array(history[next])
                    cursor = text.count
                case UInt8(ascii: "C"): cursor = min(text.count, cursor + 1)
                case UInt8(ascii: "D"): cursor = max(0, cursor - 1)
                case UInt8(ascii: "H"): cursor = 0
                case UInt8(ascii: "F"): cursor = text.count
                case UInt8(ascii: "3"):
                    if readByte() == UInt8(ascii: "~"), cursor < text.count { text.remove(at: cursor) }
                default: break
                }
            default:
                guard byte >= 32 else { break }
                pending.append(byte)
                // Insert a character once its UTF-8 sequence is complete.
                if let character = String(validating: pending, as: UTF8.self)?.first {
                    text.insert(character, at: cursor)
                    cursor += 1
                    pending.removeAll()
                } else if pending.count >= 4 {
                    pending.removeAll()
                }
            }
            redraw()
        }
        return text.isEmpty ? nil : String(text)
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
