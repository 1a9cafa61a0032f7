import AssetSupport
import Foundation

/// Catches Ctrl-C (SIGINT) and SIGTERM for the length of a run: the handler runs once, then the process
/// exits with the shell's code for that signal (130, 143). Without it the process would die at once and the
/// calls it had sent would go unrecorded.
final class InterruptTrap: @unchecked Sendable {
    private let handler: LockedValue<(@Sendable (Int32) -> Void)?>
    /// Kept for as long as the trap: a released source stops delivering.
    private let sources: [any DispatchSourceSignal]

    init() {
        let handler = LockedValue<(@Sendable (Int32) -> Void)?>(nil)
        self.handler = handler
        sources = [SIGINT, SIGTERM].map { signal in
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                handler.value?(signal)
                exit(128 + signal)
            }
            source.resume()
            return source
        }
    }

    /// What to do, given the signal, before exiting; replaces the previous handler.
    func onInterrupt(_ handler: @escaping @Sendable (Int32) -> Void) {
        self.handler.withValue { $0 = handler }
    }
}
