import PackagePlugin

/// The arguments SwiftPM hands the plugin, split into SwiftPM's own flags and the tool's.
///
/// SwiftPM honours its permission flags after the verb too, and passes them on to the plugin as well; they are
/// not the tool's, so they are taken out here. Everything else reaches the tool unchanged, `--` included.
struct PluginArguments {
    /// SwiftPM's flags that may follow the verb (`swift package generate-assets --allow-… …`).
    static let swiftPMFlags = ["allow-writing-to-package-directory", "disable-sandbox"]
    /// SwiftPM's options with a value that may follow the verb.
    static let swiftPMOptions = ["allow-writing-to-directory", "allow-network-connections"]

    /// What the tool receives.
    let forwarded: [String]

    init(_ arguments: [String]) {
        var extractor = ArgumentExtractor(arguments)
        for flag in Self.swiftPMFlags { _ = extractor.extractFlag(named: flag) }
        for option in Self.swiftPMOptions { _ = extractor.extractOption(named: option) }
        // ArgumentExtractor drops the first `--`; the tool must see it, so it goes back before the literals.
        let remaining = extractor.remainingArguments
        if let separator = arguments.firstIndex(of: "--") {
            let literals = arguments.count - separator - 1
            forwarded = remaining.dropLast(literals) + ["--"] + remaining.suffix(literals)
        } else {
            forwarded = remaining
        }
    }

    /// Whether the tool is asked for help (`--help`, `-h`, or its `help` subcommand), before any `--`.
    var asksForHelp: Bool {
        let options = forwarded.prefix { $0 != "--" }
        return options.contains("--help") || options.contains("-h") || options.first == "help"
    }
}
