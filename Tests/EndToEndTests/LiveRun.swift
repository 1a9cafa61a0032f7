import Foundation
import TestSupport

/// A `generate-assets` process whose stderr the test reads as it comes, so it can wait for what the tool says
/// ("waiting for another generate-assets run") instead of guessing a time.
final class LiveRun: @unchecked Sendable {
    private let process = Process()
    private let condition = NSCondition()
    private var said = Data()
    private var ended = false

    init(_ tool: ToolRunner, _ arguments: [String], in directory: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: tool.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["GENERATE_ASSETS_PROVIDER"] = nil
        process.environment = env.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [condition] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            condition.withLock {
                if data.isEmpty { self.ended = true } else { self.said += data }
                condition.broadcast()
            }
        }
        try process.run()
    }

    /// Waits until stderr contains `text`; false when the process ended without saying it. `safety` only
    /// keeps a broken run from hanging the test.
    func waitFor(_ text: String, safety: TimeInterval = 300) -> Bool {
        let limit = Date().addingTimeInterval(safety)
        return condition.withLock {
            while !String(decoding: said, as: UTF8.self).contains(text) {
                if ended || !condition.wait(until: limit) { return false }
            }
            return true
        }
    }

    /// Waits for the process to end: its exit status and everything it wrote to stderr.
    func wait() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        _ = waitForEnd()
        return (process.terminationStatus, condition.withLock { String(decoding: said, as: UTF8.self) })
    }

    private func waitForEnd() -> Bool {
        let limit = Date().addingTimeInterval(60)
        return condition.withLock {
            while !ended { if !condition.wait(until: limit) { return false } }
            return true
        }
    }
}
