import Foundation

/// A call about to be retried, for progress: why the last attempt failed, which attempt comes next (of how
/// many at most), and how long until it.
package struct RetryNotice: Sendable, Equatable {
    package var reason: String
    package var attempt: Int
    package var of: Int
    package var delay: TimeInterval

    package init(reason: String, attempt: Int, of: Int, delay: TimeInterval) {
        self.reason = reason
        self.attempt = attempt
        self.of = of
        self.delay = delay
    }
}
