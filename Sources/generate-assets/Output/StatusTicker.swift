import Foundation
import GenerateAssetsCore

/// Redraws the status line every `interval` seconds while a call is under way, so "oldest call N s" advances
/// during a 60–120 s answer though no event comes. Stops once the run is over.
enum StatusTicker {
    /// The interval: `GENERATE_ASSETS_STATUS_TICK` seconds (tests shorten it), else 1 s.
    static func interval(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval {
        environment["GENERATE_ASSETS_STATUS_TICK"].flatMap(Double.init).map { max(0.01, $0) } ?? 1
    }

    /// Starts redrawing `status` with `draw`; `sleep` waits out one interval.
    static func start(
        _ status: StatusLine, interval: TimeInterval = interval(),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = {
            try? await Task.sleep(nanoseconds: UInt64($0 * 1e9))
        },
        draw: @escaping @Sendable (String) -> Void
    ) {
        Task.detached {
            while !status.isClosed {
                await sleep(interval)
                status.tick(draw: draw)
            }
        }
    }
}
