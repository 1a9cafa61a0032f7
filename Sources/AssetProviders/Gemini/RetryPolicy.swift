import AssetSupport
import Foundation

/// When to try a failed call again, and how long to wait: exponential backoff with jitter, bounded in
/// attempts and total time. A delay the service asks for (`RetryInfo.retryDelay`, `Retry-After`) wins
/// over the computed one; the official SDKs ignore both and retry too early.
package struct RetryPolicy: Sendable {
    package var maxAttempts: Int
    package var baseDelay: TimeInterval
    package var maxDelay: TimeInterval
    /// The most time all attempts of one call may take, waiting included.
    package var maxTotal: TimeInterval

    package init(
        maxAttempts: Int = 5, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 60, maxTotal: TimeInterval = 900
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotal = maxTotal
    }

    /// HTTP statuses worth retrying; 400, 403 and 404 are never retried.
    package static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given the service's own hint.
    package func delay(after attempt: Int, hint: TimeInterval?, random: Double = Double.random(in: 0.5...1.0))
        -> TimeInterval
    {
        if let hint, hint >= 0 { return hint }
        let exponential = baseDelay * pow(2, Double(max(0, attempt - 1)))
        return min(maxDelay, exponential) * random
    }

    /// Parses `Retry-After`: seconds, or an HTTP date.
    package static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// Parses a protobuf duration such as `47s` or `1.5s`.
    package static func duration(_ value: String?) -> TimeInterval? {
        guard let value, value.hasSuffix("s") else { return nil }
        return Double(value.dropLast()).map { max(0, $0) }
    }
}

/// Spaces call starts so that no more than `perMinute` begin in any minute.
package actor RateLimiter {
    private let interval: TimeInterval
    private var next = Date.distantPast
    private let clock: any WallClock

    package init(perMinute: Int, clock: any WallClock = SystemClock()) {
        interval = perMinute > 0 ? 60 / Double(perMinute) : 0
        self.clock = clock
    }

    /// Waits for this call's slot.
    package func acquire() async {
        guard interval > 0 else { return }
        let now = clock.now()
        let slot = max(now, next)
        next = slot.addingTimeInterval(interval)
        let wait = slot.timeIntervalSince(now)
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
    }
}
