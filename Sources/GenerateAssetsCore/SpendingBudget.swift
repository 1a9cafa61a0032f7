import AssetSupport
import Foundation

/// `--max-cost` across concurrent calls: a call starts only when the money spent, plus what the calls in
/// flight may cost, plus its own estimate, stays within the cap. Attempts that may have been billed without
/// an answer (a timeout after the request was sent) count as spent at their estimate. When answers cost more
/// than their estimates (thinking tokens, say), every reservation in flight and every new one is counted at the
/// highest ratio of actual to estimated cost seen so far, so calls that finish one at a time cannot carry the
/// spend past the cap by more than one call.
final class SpendingBudget: Sendable {
    /// What one call has reserved so far (its first attempt, and any billed retries).
    final class Reservation: Sendable {
        let estimate: Double
        fileprivate let amount: LockedValue<Double>

        init(estimate: Double) {
            self.estimate = estimate
            amount = LockedValue(estimate)
        }
    }

    let limit: Double?
    private let state = LockedValue((spent: 0.0, reserved: 0.0, ratio: 1.0))

    init(limit: Double?) { self.limit = limit }

    /// Reserves `estimate` for a new call; nil when that would pass the cap.
    func reserve(_ estimate: Double) -> Reservation? {
        state.withValue { state in
            guard fits(estimate, state) else { return nil }
            state.reserved += estimate
            return Reservation(estimate: estimate)
        }
    }

    /// Reserves one more attempt of a call whose earlier attempt may have been billed; false past the cap.
    func extend(_ reservation: Reservation) -> Bool {
        state.withValue { state in
            guard fits(reservation.estimate, state) else { return false }
            state.reserved += reservation.estimate
            reservation.amount.withValue { $0 += reservation.estimate }
            return true
        }
    }

    /// Ends a call: its reservation is released and what it cost (actual, plus billed-maybe attempts) is spent.
    func settle(_ reservation: Reservation, cost: Double) {
        state.withValue { state in
            state.reserved -= reservation.amount.value
            state.spent += cost
            if reservation.estimate > 0, cost > reservation.amount.value {
                state.ratio = max(state.ratio, cost / reservation.amount.value)
            }
        }
    }

    private func fits(_ estimate: Double, _ state: (spent: Double, reserved: Double, ratio: Double)) -> Bool {
        guard let limit else { return true }
        return state.spent + (state.reserved + estimate) * state.ratio <= limit + 1e-9
    }
}
