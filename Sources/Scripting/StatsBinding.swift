// StatsBinding.swift: the `stats` module: summary statistics of a Lua array of numbers or of a
// Table column, computed in Swift.
import Analysis
import Tables
import Lua

enum StatsBinding {
    static func register(in context: ScriptContext) {
        let sample = APIParameter("values", "number[]|Table")
        let column = APIParameter("column", "string", optional: true)
        func summary(_ name: String, _ summary: String, _ f: @escaping ([Double]) -> Double?) -> APIFunction {
            APIFunction("stats", name, kind: .function, [sample, column], returns: "number?", summary) { s in
                s.push(f(try numbers(s, 1)).map { $0 } as Double?)
                return 1
            }
        }
        context.setModule("stats", [
            summary("mean", "the arithmetic mean; nil for no values", Statistics.mean),
            summary("median", "the median; nil for no values", Statistics.median),
            summary("stdev", "the sample standard deviation (n - 1); nil for fewer than two values", Statistics.stdev),
            APIFunction("stats", "quantile", kind: .function, [sample, APIParameter("q", "number"), column], returns: "number?",
                        "the q-quantile (0 to 1), interpolated between order statistics as R's default does") { s in
                let (values, next) = try numbersAndNext(s, 1)
                guard let q = s.toNumber(next), q >= 0, q <= 1 else { throw LuaArgumentError(next, "a number from 0 to 1 expected, got \(s.typeName(at: next))") }
                s.push(Statistics.quantile(values, q))
                return 1
            },
            APIFunction("stats", "histogram", kind: .function, [sample, APIParameter("bins", "integer"), column], returns: "Table",
                        "counts in equal-width bins from the minimum to the maximum: bin_start, bin_end, count") { s in
                let (values, next) = try numbersAndNext(s, 1)
                let bins = try s.argumentInteger(next)
                guard bins >= 1 else { throw LuaArgumentError(next, "at least one bin expected, got \(bins)") }
                try TableBinding.push(Statistics.histogram(values, bins: bins), on: s)
                return 1
            },
            APIFunction("stats", "correlation", kind: .function, [APIParameter("x", "number[]"), APIParameter("y", "number[]")], returns: "number?",
                        "Pearson's correlation of two arrays of equal length") { s in
                let x = try numbers(s, 1), y = try numbers(s, 2)
                guard x.count == y.count else { throw LuaArgumentError(2, "\(y.count) values; x has \(x.count)") }
                s.push(Statistics.correlation(x, y))
                return 1
            },
        ])
    }

    /// Numbers from an array at `index`, or from a Table and a column name; the index after them.
    private static func numbersAndNext(_ s: LuaStack, _ index: Int32) throws -> ([Double], Int32) {
        if s.object(at: index, typeName: TableBinding.typeName, as: Table.self) != nil {
            return (try numbers(s, index), index + 2)
        }
        return (try numbers(s, index), index + 1)
    }

    private static func numbers(_ s: LuaStack, _ index: Int32) throws -> [Double] {
        if let t = s.object(at: index, typeName: TableBinding.typeName, as: Table.self) {
            return try TableBinding.column(t, try s.argumentString(index + 1), argument: index + 1).compactMap(\.doubleValue)
        }
        guard s.type(at: index) == .table else { throw LuaArgumentError(index, "array of numbers or Table expected, got \(s.typeName(at: index))") }
        let n = s.rawLength(at: index)
        var values: [Double] = []
        values.reserveCapacity(n)
        for i in 0..<n {
            s.getIndex(i + 1, at: index)
            defer { s.pop() }
            guard s.type(at: -1) == .number, let v = s.toNumber(-1) else {
                throw LuaArgumentError(index, "item \(i + 1) is a \(s.typeName(at: -1)), not a number")
            }
            values.append(v)
        }
        return values
    }
}

extension LuaStack {
    func push(_ value: Double?) {
        if let value { push(value) } else { pushNil() }
    }
}
