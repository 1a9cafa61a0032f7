import Foundation

/// `--max-cost` across concurrent calls: a call starts only when the money spent, plus what the calls in
/// flight may cost, plus its own estimate, stays within the cap. Attempts that may have been billed without
/// an answer (a timeout after the request was sent) count as spent at their estimate.
final class SpendingBudget: @unchecked Sendable {
    /// What one call has reserved so far (its first attempt, and any billed retries).
    final class Reservation: @unchecked Sendable {
        let estimate: Double
        fileprivate(set) var amount: Double

        init(estimate: Double) {
            self.estimate = estimate
            amount = estimate
        }
    }

    let limit: Double?
    private let lock = NSLock()
    private var spentUSD = 0.0
    private var reservedUSD = 0.0

    init(limit: Double?) { self.limit = limit }

    var spent: Double { lock.withLock { spentUSD } }

    /// Reserves `estimate` for a new call; nil when that would pass the cap.
    func reserve(_ estimate: Double) -> Reservation? {
        lock.withLock {
            guard fits(estimate) else { return nil }
            reservedUSD += estimate
            return Reservation(estimate: estimate)
        }
    }

    /// Reserves one more attempt of a call whose earlier attempt may have been billed; false past the cap.
    func extend(_ reservation: Reservation) -> Bool {
        lock.withLock {
            guard fits(reservation.estimate) else { return false }
            reservedUSD += reservation.estimate
            reservation.amount += reservation.estimate
            return true
        }
    }

    /// Ends a call: its reservation is released and what it cost (actual, plus billed-maybe attempts) is spent.
    func settle(_ reservation: Reservation, cost: Double) {
        lock.withLock {
            reservedUSD -= reservation.amount
            spentUSD += cost
        }
    }

    private func fits(_ estimate: Double) -> Bool {
        guard let limit else { return true }
        return spentUSD + reservedUSD + estimate <= limit + 1e-9
    }
}
