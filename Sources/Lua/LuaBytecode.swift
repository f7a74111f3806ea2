// LuaBytecode.swift: a compiled chunk read back from Lua 5.4's dump format, with its instructions
// decoded, so that the host can look at a script without running it (`scriptorium check`).
import CLua
import Foundation
import CLuaShim

/// A constant of a function prototype.
package enum LuaConstant: Equatable, Sendable {
    case `nil`, boolean(Bool), integer(Int64), number(Double), string(String)
}

/// A local variable's name and the instructions (0-based, end exclusive) where it is live.
package struct LuaLocal: Equatable, Sendable {
    package var name: String
    package var startPC: Int
    package var endPC: Int
}

/// One decoded instruction of Lua 5.4's 32-bit format.
package struct LuaInstruction: Sendable {
    package let raw: UInt32
    package var opcode: LuaOpcode? { LuaOpcode(rawValue: Int(raw & 0x7F)) }
    package var a: Int { Int((raw >> 7) & 0xFF) }
    package var k: Bool { (raw >> 15) & 1 == 1 }
    package var b: Int { Int((raw >> 16) & 0xFF) }
    package var c: Int { Int((raw >> 24) & 0xFF) }
    package var bx: Int { Int(raw >> 15) }
    package var sbx: Int { bx - 0xFFFF }
    /// The jump offset of `JMP`.
    package var sj: Int { Int(raw >> 7) - 0xFF_FFFF }
}

/// Lua 5.4's opcodes, in the order of lopcodes.h.
package enum LuaOpcode: Int, Sendable {
    case move, loadi, loadf, loadk, loadkx, loadfalse, lfalseskip, loadtrue, loadnil, getupval, setupval
    case gettabup, gettable, geti, getfield, settabup, settable, seti, setfield, newtable, `self`
    case addi, addk, subk, mulk, modk, powk, divk, idivk, bandk, bork, bxork, shri, shli
    case add, sub, mul, mod, pow, div, idiv, band, bor, bxor, shl, shr, mmbin, mmbini, mmbink
    case unm, bnot, not, len, concat, close, tbc, jmp, eq, lt, le, eqk, eqi, lti, lei, gti, gei
    case test, testset, call, tailcall, `return`, return0, return1, forloop, forprep
    case tforprep, tforcall, tforloop, setlist, closure, vararg, varargprep, extraarg
}

/// A function prototype: the main chunk or a function defined in it.
package struct LuaPrototype: Sendable {
    package var source: String
    package var lineDefined: Int
    package var parameterCount: Int
    package var code: [LuaInstruction]
    package var constants: [LuaConstant]
    package var upvalueNames: [String]
    package var locals: [LuaLocal]
    package var functions: [LuaPrototype]
    /// The source line of each instruction.
    package var lines: [Int]

    /// The constant at `index` when it is a string.
    package func string(_ index: Int) -> String? {
        guard index >= 0 && index < constants.count, case .string(let s) = constants[index] else { return nil }
        return s
    }

    /// The name of the local held in `register` at instruction `pc`, if any (as Lua's debug library
    /// finds it: live locals take registers in declaration order).
    package func localName(register: Int, pc: Int) -> String? {
        var n = 0
        for l in locals where l.startPC <= pc {
            if pc < l.endPC {
                if n == register { return l.name }
                n += 1
            }
        }
        return nil
    }
}

package enum LuaBytecodeError: Error, CustomStringConvertible {
    case truncated, badHeader(String)
    package var description: String {
        switch self {
        case .truncated: return "the compiled chunk ends early"
        case .badHeader(let why): return "not a Lua 5.4 compiled chunk: \(why)"
        }
    }
}

extension LuaState {
    /// Compiles `source` without running it and returns its main function with debug information.
    package func compile(_ source: String, chunkName: String) throws -> LuaPrototype {
        try load(source, chunkName: chunkName)
        defer { main.pop() }
        var size = 0
        guard let bytes = scr_dump_function(main.L, &size) else { throw LuaBytecodeError.badHeader("nothing was dumped") }
        defer { free(bytes) }
        var reader = BytecodeReader(bytes: UnsafeBufferPointer(start: bytes, count: size))
        return try reader.chunk()
    }
}

/// Reads lundump's format: a header, the main function's upvalue count, then functions nested.
struct BytecodeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func chunk() throws -> LuaPrototype {
        let signature: [UInt8] = [0x1B, 0x4C, 0x75, 0x61]
        guard try (0..<4).map({ _ in try byte() }) == signature else { throw LuaBytecodeError.badHeader("signature") }
        guard try byte() == 0x54 else { throw LuaBytecodeError.badHeader("version") }
        _ = try byte()  // format
        position += 6  // LUAC_DATA
        let sizes = try (0..<3).map { _ in try byte() }
        guard sizes == [4, 8, 8] else { throw LuaBytecodeError.badHeader("instruction, integer or number size") }
        guard try integer() == 0x5678 else { throw LuaBytecodeError.badHeader("integer format") }
        _ = try number()
        _ = try byte()  // upvalues of the main closure
        return try function(parentSource: "")
    }

    private mutating func function(parentSource: String) throws -> LuaPrototype {
        let source = try string() ?? parentSource
        let lineDefined = try size()
        _ = try size()  // last line defined
        let parameters = Int(try byte())
        _ = try byte()  // is vararg
        _ = try byte()  // max stack size
        let code = try (0..<size()).map { _ in LuaInstruction(raw: try word()) }
        var constants: [LuaConstant] = []
        for _ in 0..<(try size()) {
            switch try byte() {
            case 0x00: constants.append(.nil)
            case 0x01: constants.append(.boolean(false))
            case 0x11: constants.append(.boolean(true))
            case 0x03: constants.append(.integer(try integer()))
            case 0x13: constants.append(.number(try number()))
            case 0x04, 0x14: constants.append(.string(try string() ?? ""))
            default: throw LuaBytecodeError.badHeader("unknown constant tag")
            }
        }
        for _ in 0..<(try size()) { position += 3 }  // upvalues: in stack, index, kind
        let functions = try (0..<size()).map { _ in try function(parentSource: source) }
        let lineDeltas = try (0..<size()).map { _ in Int(Int8(bitPattern: try byte())) }
        let absolute = try (0..<size()).map { _ in (pc: try size(), line: try size()) }
        let locals = try (0..<size()).map { _ in LuaLocal(name: try string() ?? "", startPC: try size(), endPC: try size()) }
        let upvalueNames = try (0..<size()).map { _ in try string() ?? "" }
        return LuaPrototype(source: source, lineDefined: lineDefined, parameterCount: parameters, code: code,
                            constants: constants, upvalueNames: upvalueNames, locals: locals, functions: functions,
                            lines: Self.lines(count: code.count, deltas: lineDeltas, absolute: absolute, lineDefined: lineDefined))
    }

    /// Each instruction's line from the relative line info and its absolute anchors (luaG_getfuncline).
    private static func lines(count: Int, deltas: [Int], absolute: [(pc: Int, line: Int)], lineDefined: Int) -> [Int] {
        guard deltas.count == count else { return Array(repeating: lineDefined, count: count) }
        var result: [Int] = []
        result.reserveCapacity(count)
        var line = lineDefined
        var anchor = 0
        for pc in 0..<count {
            if anchor < absolute.count && absolute[anchor].pc == pc {
                line = absolute[anchor].line
                anchor += 1
            } else {
                line += deltas[pc]
            }
            result.append(line)
        }
        return result
    }

    private mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw LuaBytecodeError.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    /// dumpSize: seven bits a byte, most significant first, the last byte marked with 0x80.
    private mutating func size() throws -> Int {
        var x = 0
        while true {
            let b = try byte()
            x = (x << 7) | Int(b & 0x7F)
            if b & 0x80 != 0 { return x }
        }
    }

    private mutating func raw<T>(_ type: T.Type) throws -> T {
        let n = MemoryLayout<T>.size
        guard position + n <= bytes.count else { throw LuaBytecodeError.truncated }
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[position ..< position + n]).loadUnaligned(as: T.self)
    }

    private mutating func word() throws -> UInt32 { try raw(UInt32.self) }
    private mutating func integer() throws -> Int64 { try raw(Int64.self) }
    private mutating func number() throws -> Double { try raw(Double.self) }

    private mutating func string() throws -> String? {
        let n = try size()
        guard n > 0 else { return nil }
        guard position + n - 1 <= bytes.count else { throw LuaBytecodeError.truncated }
        defer { position += n - 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position ..< position + n - 1]), as: UTF8.self)
    }
}
