import ArgumentParser
import GenerateAssetsCore

/// Flags every project command shares.
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

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    var projectOptions: ProjectOptions { ProjectOptions(directory: directory, manifest: manifest, provider: provider, baseURL: baseURL) }

    var terminal: Terminal { Terminal(color: color) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }
