// VOSLayout.swift: a map of a network's nodes by the VOS mapping technique (van Eck, Waltman,
// Dekker & van den Berg 2010): positions minimising Σ s_ij d_ij^a / a − Σ d_ij^r / r over pairs
// of nodes, with VOSviewer's attraction a = 2 and repulsion r = 1, so that similar nodes sit close
// and all others keep apart. Found by gradient descent with an adapting step from seeded random
// starts, the best start kept; then centred, scaled to a mean distance of one, and turned so that
// the first principal axis is horizontal. Deterministic for a seed.
import Foundation

package enum VOSLayout {
    /// Positions (x, y) for each node of `graph`, whose weights are the similarities (normalise
    /// co-occurrence counts first, by association strength as VOSviewer does). `interrupt` is
    /// called at each step of the descent and may throw to stop.
    package static func layout(_ graph: Graph, seed: UInt64 = 0, starts: Int = 4, maxIterations: Int = 1000,
                               interrupt: (() throws -> Void)? = nil) throws -> [(x: Double, y: Double)] {
        let n = graph.nodeCount
        guard n > 1 else { return Array(repeating: (0, 0), count: n) }
        // Dense similarities, with a small one between every pair so that disconnected parts stay
        // in reach of each other (otherwise repulsion drives them apart without end).
        var s = [Double](repeating: 0, count: n * n)
        var total = 0.0, links = 0
        for i in 0 ..< n {
            for e in graph.edges(of: i) where Int(graph.neighbors[e]) != i {
                s[i * n + Int(graph.neighbors[e])] = graph.weights[e]
                total += graph.weights[e]; links += 1
            }
        }
        let floor = links > 0 ? 1e-3 * total / Double(links) : 1
        for k in s.indices where s[k] == 0 { s[k] = floor }
        var rng = SplitMix64(seed: seed)
        var best: [Double] = [], bestEnergy = Double.infinity
        for _ in 0 ..< max(1, starts) {
            var p = (0 ..< 2 * n).map { _ in 2 * rng.nextDouble() - 1 }
            try descend(&p, s, n: n, maxIterations: maxIterations, interrupt: interrupt)
            let e = energy(p, s, n: n)
            if e < bestEnergy { bestEnergy = e; best = p }
        }
        return normalise(best, n: n)
    }

    /// Σ_{i<j} s_ij d_ij² / 2 − Σ_{i<j} d_ij.
    static func energy(_ p: [Double], _ s: [Double], n: Int) -> Double {
        var e = 0.0
        for i in 0 ..< n {
            for j in (i + 1) ..< n {
                let dx = p[2 * i] - p[2 * j], dy = p[2 * i + 1] - p[2 * j + 1]
                let d2 = dx * dx + dy * dy
                e += s[i * n + j] * d2 / 2 - d2.squareRoot()
            }
        }
        return e
    }

    /// Moves one node at a time against its gradient, the step growing while the energy falls
    /// and shrinking when it rises (the schedule VOSviewer's layout uses).
    private static func descend(_ p: inout [Double], _ s: [Double], n: Int, maxIterations: Int,
                                interrupt: (() throws -> Void)?) throws {
        var step = 1.0
        var previous = energy(p, s, n: n)
        var improvements = 0
        for _ in 0 ..< maxIterations {
            try interrupt?()
            for i in 0 ..< n {
                var gx = 0.0, gy = 0.0
                for j in 0 ..< n where j != i {
                    let dx = p[2 * i] - p[2 * j], dy = p[2 * i + 1] - p[2 * j + 1]
                    let d = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                    let f = s[i * n + j] - 1 / d
                    gx += f * dx; gy += f * dy
                }
                let norm = (gx * gx + gy * gy).squareRoot()
                if norm > 0 { p[2 * i] -= step * gx / norm; p[2 * i + 1] -= step * gy / norm }
            }
            let e = energy(p, s, n: n)
            if e < previous {
                improvements += 1
                if improvements >= 5 { step /= 0.9; improvements = 0 }
            } else {
                step *= 0.75
                improvements = 0
            }
            previous = e
            if step < 0.001 { break }
        }
    }

    /// Centred on the origin, scaled to a mean distance of one between nodes, turned so that the
    /// direction of greatest spread is horizontal, and flipped so that the node listed first lies
    /// on the left (so that the map does not depend on the sign the descent happened to take).
    private static func normalise(_ p: [Double], n: Int) -> [(x: Double, y: Double)] {
        var xs = (0 ..< n).map { p[2 * $0] }, ys = (0 ..< n).map { p[2 * $0 + 1] }
        let mx = xs.reduce(0, +) / Double(n), my = ys.reduce(0, +) / Double(n)
        for i in 0 ..< n { xs[i] -= mx; ys[i] -= my }
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0 ..< n { sxx += xs[i] * xs[i]; syy += ys[i] * ys[i]; sxy += xs[i] * ys[i] }
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        let c = cos(angle), sn = sin(angle)
        for i in 0 ..< n { (xs[i], ys[i]) = (c * xs[i] + sn * ys[i], -sn * xs[i] + c * ys[i]) }
        var distance = 0.0
        for i in 0 ..< n { for j in (i + 1) ..< n { distance += ((xs[i] - xs[j]) * (xs[i] - xs[j]) + (ys[i] - ys[j]) * (ys[i] - ys[j])).squareRoot() } }
        let mean = distance / Double(n * (n - 1) / 2)
        let scale = mean > 0 ? 1 / mean : 1
        let flipX: Double = xs[0] > 0 ? -1 : 1
        let flipY: Double = ys[0] > 0 ? -1 : 1
        return (0 ..< n).map { (flipX * xs[$0] * scale, flipY * ys[$0] * scale) }
    }
}
