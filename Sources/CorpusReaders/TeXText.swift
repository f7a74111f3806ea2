// TeXText.swift: the TeX found in BibTeX fields turned into plain Unicode text: accent commands
// ({\"o}, \'{e}, \c{c}, \v s), special letters (\ss, \o, \aa, \i), escaped characters (\&, \%),
// dashes (-- and ---), ties (~), font commands (\emph{x} gives x) and grouping braces removed.
import CorpusModel
import CorpusBytes
import Foundation

package enum TeXText {
    private static let accents: [Character: UInt32] = [
        "`": 0x300, "'": 0x301, "^": 0x302, "~": 0x303, "=": 0x304, "u": 0x306, ".": 0x307,
        "\"": 0x308, "r": 0x30A, "H": 0x30B, "v": 0x30C, "d": 0x323, "c": 0x327, "k": 0x328, "b": 0x331,
    ]
    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "S": "§", "P": "¶",
        "copyright": "©", "textregistered": "®", "texttrademark": "™", "ldots": "…", "dots": "…",
        "textellipsis": "…", "euro": "€", "pounds": "£", "textdegree": "°", "LaTeX": "LaTeX", "TeX": "TeX", "hyphen": "-", "textendash{}": "–",
        // Greek, as in text and math.
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        // Math symbols that titles use.
        "pm": "±", "mp": "∓", "times": "×", "cdot": "·", "div": "÷", "to": "→", "rightarrow": "→", "leftarrow": "←",
        "leftrightarrow": "↔", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "sim": "∼",
        "approx": "≈", "simeq": "≃", "equiv": "≡", "propto": "∝", "infty": "∞", "prime": "′", "circ": "∘",
        "partial": "∂", "nabla": "∇", "sqrt": "√", "sum": "∑", "int": "∫", "hbar": "ℏ", "ell": "ℓ",
        "textasciitilde": "~", "textbackslash": "\\", "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
        "textquotesingle": "'", "textquotedblleft": "“", "textquotedblright": "”", "textasciicircum": "^", "slash": "/",
    ]
    /// Commands that only format their argument (or nothing): dropped, their argument kept. Any
    /// other unknown command keeps its name as text ({\AmSLaTeX} gives "AmSLaTeX").
    private static let formatting: Set<String> = [
        "emph", "textit", "textbf", "textsc", "textrm", "textsf", "texttt", "textup", "textsl", "textmd", "textnormal",
        "mathrm", "mathit", "mathbf", "mathcal", "mathsf", "mathtt", "mathbb", "mathfrak", "boldsymbol", "bm", "mbox",
        "hbox", "text", "it", "bf", "em", "sc", "rm", "sf", "tt", "sl", "up", "normalfont", "small", "footnotesize",
        "scriptsize", "tiny", "large", "Large", "LARGE", "huge", "Huge", "normalsize", "protect", "relax", "ensuremath",
        "url", "nolinkurl", "uppercase", "lowercase", "MakeUppercase", "MakeLowercase", "left", "right", "big", "Big",
        "bigl", "bigr", "displaystyle", "textstyle", "scriptstyle", "nocase", "NoCaseChange", "ifmmode", "else", "fi",
        "xspace", "hspace", "vspace", "quad", "qquad", "textsuperscript", "textsubscript", "noopsort", "break", "newline",
        // BibLaTeX's quoting and emphasis, and case protection.
        "mkbibquote", "mkbibemph", "mkbibitalic", "mkbibbold", "mkbibparens", "mkbibbrackets", "enquote", "textquote",
        "autocap", "arabic", "foreignlanguage", "hyphenation", "unskip", "ignorespaces",
    ]
    /// Characters as superscripts and subscripts, for ^ and _ in math.
    private static let superscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        "0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"))
    private static let subscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        "0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"))
    /// The spacing character of each accent, for an accent command with nothing to go on.
    private static let spacingAccents: [UInt32: UInt32] = [
        0x300: 0x60, 0x301: 0x27, 0x302: 0x5E, 0x303: 0x7E, 0x304: 0xAF, 0x306: 0x2D8, 0x307: 0x2D9, 0x308: 0xA8,
        0x30A: 0x2DA, 0x30B: 0x2DD, 0x30C: 0x2C7, 0x323: 0x2E, 0x327: 0xB8, 0x328: 0x2DB, 0x331: 0x5F,
    ]
    private static let escaped: Set<Character> = ["&", "%", "$", "#", "_", "{", "}", "\\", " "]

    /// Plain text for a field value (braces already balanced by the parser).
    package static func plain(_ tex: String) -> String {
        var copy = tex
        // Most values hold no TeX at all: only single spaces between words and no markup.
        return copy.withUTF8 { isPlain($0) ? tex : converted($0) }
    }

    /// `plain` of a value given as its UTF-8 bytes.
    package static func plain(bytes b: UnsafeBufferPointer<UInt8>) -> String {
        isPlain(b) ? String(decoding: b, as: UTF8.self) : converted(b)
    }

    /// `plain` of a value that is not plain already: on the bytes when it has no command and its
    /// markup joins no neighbour, else Character by Character.
    private static func converted(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if let plain = plainWithoutCommands(b) { return String(decoding: plain, as: UTF8.self) }
        return plainByCharacters(String(decoding: b, as: UTF8.self))
    }

    /// Calls `body` with the UTF-8 bytes of `plain`'s text: the value's own bytes when it is
    /// plain already (so a long reference list is not copied).
    package static func withPlainBytes<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isPlain(b) { return body(b) }
        if let plain = plainWithoutCommands(b) { return plain.withUnsafeBufferPointer(body) }
        var text = plainByCharacters(String(decoding: b, as: UTF8.self))
        return text.withUTF8(body)
    }

    /// Whether `plain` gives the text unchanged: no markup ("\\", braces, "~", "$", "--"), no white
    /// space but single spaces, and none at either end. One pass without branches: each byte's
    /// kind comes from a table, and a kind met twice in a row (dash, space) marks the text.
    package static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = b.last, last != 0x20 else { return false }
        return byteKinds.withUnsafeBufferPointer { kinds in
            var previous: UInt8 = 4  // a leading space counts as a second one
            var marked: UInt8 = 0
            for c in b {
                let kind = kinds[Int(c)]
                marked |= (kind & 1) | (kind & previous)
                previous = kind
            }
            return marked == 0
        }
    }

    /// 1 for markup and line ends, 2 for "-" and 4 for the space (which mark text only in pairs).
    private static let byteKinds: [UInt8] = {
        var kinds = [UInt8](repeating: 0, count: 256)
        for c in [0x5C, 0x7B, 0x7D, 0x7E, 0x24, 0x09, 0x0A, 0x0D] { kinds[c] = 1 }
        kinds[0x2D] = 2
        kinds[0x20] = 4
        return kinds
    }()

    /// `plain` for any text, Character by Character (what text with commands takes).
    private static func plainByCharacters(_ tex: String) -> String {
        let chars = Array(tex)
        var out = ""
        var i = 0
        var math = false
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "$":
                math.toggle()
                i += 1
            case "^" where math, "_" where math:
                i = script(chars, i, into: &out)
            case "{", "}":
                i += 1
            case "~":
                out.append(" ")
                i += 1
            case "-":
                if i + 2 < chars.count && chars[i + 1] == "-" && chars[i + 2] == "-" { out.append("—"); i += 3 }
                else if i + 1 < chars.count && chars[i + 1] == "-" { out.append("–"); i += 2 }
                else { out.append("-"); i += 1 }
            case "\\":
                i = command(chars, i, into: &out)
            default:
                out.append(c)
                i += 1
            }
        }
        return collapseSpaces(out)
    }

    /// Reads the command at `i` (a backslash) and returns the index after it.
    private static func command(_ chars: [Character], _ start: Int, into out: inout String) -> Int {
        var i = start + 1
        guard i < chars.count else { return i }
        let c = chars[i]
        if escaped.contains(c) {
            out.append(c == "\\" ? " " : c)
            return i + 1
        }
        if let mark = accents[c], !(c.isLetter && i + 1 < chars.count && chars[i + 1].isLetter) {
            // \"o, \"{o}, \c{c}, \v s, {\"\i}
            i += 1
            while i < chars.count && chars[i] == " " && c.isLetter { i += 1 }
            var base: Character?
            if i < chars.count && chars[i] == "{" {
                i += 1
                var inner = ""
                while i < chars.count && chars[i] != "}" {
                    if chars[i] == "\\" {
                        i = command(chars, i, into: &inner)
                    } else {
                        inner.append(chars[i]); i += 1
                    }
                }
                i += 1
                base = inner.first
                if inner.count > 1 { out.append(combine(base, mark)); out.append(contentsOf: inner.dropFirst()); return i }
            } else if i < chars.count && chars[i] == "\\" {
                var inner = ""
                i = command(chars, i, into: &inner)
                base = inner.first
            } else if i < chars.count && chars[i] != "}" {
                base = chars[i]
                i += 1
            }
            out.append(combine(base, mark))
            return i
        }
        // A named command: \ss, \emph{...}, \textit{...}
        var name = ""
        while i < chars.count && chars[i].isLetter { name.append(chars[i]); i += 1 }
        if name.isEmpty { return i + 1 }
        if name == "textsuperscript" || name == "textsubscript" {
            return script(chars, i, superscript: name == "textsuperscript", into: &out)
        }
        if let letter = letters[name] {
            // "\ss{}" and "\ss " end the command.
            if i + 1 < chars.count && chars[i] == "{" && chars[i + 1] == "}" { i += 2 }
            else if i < chars.count && chars[i] == " " { i += 1 }
            out.append(letter)
        } else if !formatting.contains(name) {
            // An unknown command is kept as its name, so no word is lost.
            out.append(name)
            if i + 1 < chars.count && chars[i] == "{" && chars[i + 1] == "}" { i += 2 }
        }
        // Font and other one-argument commands leave their argument, whose braces `plain` drops.
        return i
    }

    /// Reads a ^ or _ at `start` (or, with `superscript` given, the argument of \textsuperscript
    /// or \textsubscript at `start`) and its argument, a character or a braced group, and writes
    /// the argument as Unicode super- or subscripts when every character has one, else as it is.
    private static func script(_ chars: [Character], _ start: Int, superscript: Bool? = nil, into out: inout String) -> Int {
        let up = superscript ?? (chars[start] == "^")
        var i = superscript == nil ? start + 1 : start
        while i < chars.count && chars[i] == " " { i += 1 }
        var argument = ""
        if i < chars.count && chars[i] == "{" {
            i += 1
            var depth = 1
            while i < chars.count {
                if chars[i] == "{" { depth += 1 } else if chars[i] == "}" { depth -= 1; if depth == 0 { i += 1; break } }
                if chars[i] == "\\" { i = command(chars, i, into: &argument); continue }
                if chars[i] != "{" && chars[i] != "}" { argument.append(chars[i]) }
                i += 1
            }
        } else if i < chars.count && chars[i] == "\\" {
            i = command(chars, i, into: &argument)
        } else if i < chars.count {
            argument.append(chars[i])
            i += 1
        }
        argument = argument.trimmingCharacters(in: .whitespaces)
        if up && argument == "∘" {
            out.append("°")  // 20^\circ: degrees
            return i
        }
        let table = up ? superscripts : subscripts
        let mapped = argument.compactMap { table[$0] }
        if !argument.isEmpty && mapped.count == argument.count {
            out.append(contentsOf: String(mapped))
        } else {
            // No Unicode form: the marker stays, so "H^E" does not read "HE".
            if superscript == nil { out.append(up ? "^" : "_") }
            out.append(contentsOf: argument.count > 1 && superscript == nil ? "{" + argument + "}" : argument)
        }
        return i
    }

    private static func combine(_ base: Character?, _ mark: UInt32) -> String {
        // A lone accent ({\'} in "D{\'}Aspremont", \^{}) is the accent's own character.
        guard var base else { return String(Character(Unicode.Scalar(spacingAccents[mark] ?? 0x27)!)) }
        if base == "ı" { base = "i" }   // {\"\i}: the dotless i under an accent is a plain i
        if base == "ȷ" { base = "j" }
        let composed = (String(base) + String(Character(Unicode.Scalar(mark)!)))
        return composed.precomposedStringWithCanonicalMapping
    }

    /// What `plain` gives, read on the bytes, for text with no command (no backslash) whose braces,
    /// dollars, tildes, dashes and white space stand between characters that never join them in
    /// one grapheme (so the result is the same as Character by Character); nil for other text,
    /// which takes that path.
    private static func plainWithoutCommands(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var space = false  // white space met since the last word byte
        var i = 0
        while i < b.count {
            let c = b[i]
            let isSpace = c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
            if isSpace || c == 0x7B || c == 0x7D || c == 0x24 || c == 0x7E || c == 0x2D || c == 0x5C {
                if c == 0x5C || (i > 0 && b[i - 1] >= 0x80 && !UTF8Class.neverJoinsNext(b, endingAt: i - 1))
                    || (i + 1 < b.count && b[i + 1] >= 0x80 && !UTF8Class.neverJoinsPrevious(b, at: i + 1)) { return nil }
                if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { return nil }  // "\r\n" is one Character
            }
            if isSpace || c == 0x7E {
                space = true
                i += 1
                continue
            }
            if c == 0x24 { return nil }  // math: its ^ and _ take the other path
            if c == 0x7B || c == 0x7D {
                i += 1
                continue
            }
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            if c == 0x2D && i + 2 < b.count && b[i + 1] == 0x2D && b[i + 2] == 0x2D {
                out.append(contentsOf: [0xE2, 0x80, 0x94])  // ---: em dash
                i += 3
            } else if c == 0x2D && i + 1 < b.count && b[i + 1] == 0x2D {
                out.append(contentsOf: [0xE2, 0x80, 0x93])  // --: en dash
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    private static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
