// Statistics.swift: the stats module: summary statistics of numbers, computed in Swift.
import Foundation
import Tables

package enum Statistics {
    package static func mean(_ x: [Double]) -> Double? {
        x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
    }

    /// The q-quantile (0...1) by linear interpolation between order statistics (R's type 7).
    package static func quantile(_ x: [Double], _ q: Double) -> Double? {
        guard !x.isEmpty, q >= 0, q <= 1 else { return nil }
        let sorted = x.sorted()
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    package static func median(_ x: [Double]) -> Double? { quantile(x, 0.5) }

    /// Sample standard deviation (n - 1 in the denominator).
    package static func stdev(_ x: [Double]) -> Double? {
        guard x.count > 1, let m = mean(x) else { return nil }
        return sqrt(x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
    }

    /// Pearson's correlation of two samples of equal length.
    package static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count > 1, let mx = mean(x), let my = mean(y) else { return nil }
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / sqrt(sxx * syy)
    }

    /// bin_start, bin_end, count: `bins` equal-width bins from the minimum to the maximum; each bin
    /// holds values >= its start and < its end, the last also its end.
    package static func histogram(_ x: [Double], bins: Int) -> Table {
        guard let lo = x.min(), let hi = x.max(), bins > 0 else {
            return Table(trusted: ["bin_start", "bin_end", "count"], rows: [])
        }
        let width = hi > lo ? (hi - lo) / Double(bins) : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in x { counts[min(bins - 1, Int((v - lo) / width))] += 1 }
        return Table(trusted: ["bin_start", "bin_end", "count"], rows: (0..<bins).map { i in
            [.number(lo + Double(i) * width), .number(lo + Double(i + 1) * width), .int(counts[i])]
        })
    }
}
