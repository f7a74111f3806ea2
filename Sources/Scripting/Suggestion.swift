// Suggestion.swift: "did you mean" for misspelt names (API functions, fields, options, job keys).

package enum Suggestion {
    /// The candidate closest to `name` (Levenshtein distance, at most `maxDistance` edits), if any.
    package static func closest<S: Sequence>(to name: String, among candidates: S, maxDistance: Int = 2) -> String?
    where S.Element == String {
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = editDistance(name.lowercased(), c.lowercased())
            if d <= maxDistance, best == nil || d < best!.distance || (d == best!.distance && c < best!.name) { best = (c, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two strings, by characters.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }
}
