import Foundation

/// Phase timings on stderr when GENERATE_ASSETS_TRACE is set: where a run's time goes, for benchmarks.
package enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["GENERATE_ASSETS_TRACE"] != nil
    nonisolated(unsafe) static var last = Date()

    /// Prints the time since the previous mark.
    package static func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(
            Data(String(format: "trace: %-28@ %7.2f ms\n", phase as NSString, now.timeIntervalSince(last) * 1000).utf8))
        last = now
    }
}
