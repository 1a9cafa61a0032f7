import Foundation

/// Runs a blocking job (a child process, say) on a thread of its own: tests that run in parallel may hold
/// every thread of the concurrency pool, so a Task could start late.
public final class BackgroundRun<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    public init(_ job: @escaping @Sendable () throws -> Value) {
        Thread {
            self.result = Result { try job() }
            self.done.signal()
        }.start()
    }

    public func wait() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
