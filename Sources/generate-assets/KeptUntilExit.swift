/// Values a command keeps until the process exits instead of freeing them: the system takes back the
/// memory at once, while freeing a loaded project (a record per asset, each with its strings) takes
/// milliseconds per thousand assets.
enum KeptUntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
