import Foundation

/// A value computed on a thread of its own while the caller does other work; `value()` waits for it.
/// For independent reads at start-up (the lock file while the manifest is parsed): a second core's work.
package final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            result = Result(catching: work)
            done.signal()
        }.start()
    }

    /// The value, or the error the work threw; waits until it is there.
    package func value() throws -> Value {
        done.wait()
        done.signal()  // for any later call
        return try result!.get()
    }
}
