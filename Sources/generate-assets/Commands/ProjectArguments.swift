import ArgumentParser
import GenerateAssetsCore

/// Options every project command shares, declared once.
///
/// The root command declares this group too, so these options may stand before or after the subcommand.
struct ProjectArguments: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The project folder (default: the current directory).")
    var directory: String?

    @Option(help: "The manifest (default: assets.yml in the folder or the nearest one above it).")
    var manifest: String?

    @Option(help: "The image provider: gemini or placeholder (overrides the manifest's 'provider:').")
    var provider: String?

    @Option(help: "The Gemini API base URL, e.g. a proxy (else GEMINI_BASE_URL, else the manifest's api.base_url).")
    var baseURL: String?

    @Flag(help: "Print one JSON object on stdout instead of text.")
    var json = false

    @Flag(name: [.customShort("q"), .long], help: "Print only the summary and errors: no progress lines.")
    var quiet = false

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    var projectOptions: ProjectOptions {
        ProjectOptions(directory: directory, manifest: manifest, provider: provider, baseURL: baseURL)
    }

    var terminal: Terminal { Terminal(color: color, json: json, quiet: quiet) }

    /// The long names of the options given, but for `excluded`: for commands that use only some of them.
    func givenOptions(except excluded: Set<String>) -> [String] {
        let given: [(String, Bool)] = [
            ("--directory", directory != nil), ("--manifest", manifest != nil), ("--provider", provider != nil),
            ("--base-url", baseURL != nil), ("--json", json), ("--color", color != .auto),
            ("--quiet", quiet),
        ]
        return given.filter { $0.1 && !excluded.contains($0.0) }.map(\.0)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }
