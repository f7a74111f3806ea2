// ParsedAddresses.swift: every affiliation of a store parsed once (`Address`), when first asked
// for, in parallel, and shared by every view of the store: the counts by country or institution,
// the country tables and the documents' address fields all read it rather than parse again.
import CorpusModel
import CorpusBytes
import Foundation

package final class ParsedAddresses: @unchecked Sendable {
    private let lock = NSLock()
    private var addresses: [Address]?

    package init() {}

    /// The parsed address of every affiliation row of `store`.
    package func of(_ store: DocumentStore) -> [Address] {
        lock.lock()
        defer { lock.unlock() }
        if let addresses, addresses.count == store.affiliationText.count { return addresses }
        let rows = Array(0 ..< store.affiliationText.count)
        let parts = (try? Parallel.map(rows, check: nil) { chunk in chunk.map { Address(parsing: store.affiliationText.string($0)) } }) ?? []
        let made = parts.flatMap { $0 }
        addresses = made
        return made
    }
}
