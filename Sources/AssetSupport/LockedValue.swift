import Foundation

/// A value guarded by a lock, for counters and maps shared by concurrent tasks. The one place that
/// vouches for thread safety by hand (`@unchecked`), so the types built on it are checked by the compiler.
package final class LockedValue<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    package init(_ value: Value) { stored = value }

    package var value: Value { lock.withLock { stored } }

    package func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&stored) }
    }
}
