import Foundation

/// Tests that need a tool of the machine (Chromium, a tmpfs mount). CI installs them, so there a missing tool
/// is a failure, never a quiet skip; elsewhere the test skips and says why on stderr.
public enum Requirement {
    /// True under CI (`CI=true`, as GitHub Actions and `.ci/run` set it).
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Whether a test needing `met` runs: when it is met, and always in CI (the test then fails on `require`).
    /// Outside CI a skip prints `skipped <test>: <reason>` to stderr.
    public static func runs(_ met: Bool, _ test: String, _ reason: String) -> Bool {
        if met || inCI { return true }
        FileHandle.standardError.write(Data("skipped \(test): \(reason)\n".utf8))
        return false
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    public var only: Element? { count == 1 ? first : nil }
}
