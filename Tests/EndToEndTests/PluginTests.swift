import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Every `swift package` line of the README, run in a package that depends on this one, without a terminal.
@Suite struct PluginTests {
    /// SwiftPM's flags before the verb that a run without a terminal needs (the plugin's two permissions).
    static let permissionFlags = ["--allow-writing-to-package-directory", "--allow-network-connections", "all:443"]

    /// The README lines this suite runs, by their arguments after the verb.
    static let checkedLines: Set<[String]> = [
        ["--help"], ["validate"], ["--provider", "placeholder"], ["--provider", "placeholder", "status", "--check"],
        ["--yes"],
    ]

    /// The README's plugin lines, split at the verb.
    static func readmeLines() throws -> [(swiftPM: [String], tool: [String])] {
        try ReadmePluginLines.all().map { line in
            let verb = try #require(
                line.firstIndex(of: "generate-assets"), "a README plugin line without the verb: \(line)")
            return (Array(line[..<verb]), Array(line[(verb + 1)...]))
        }
    }

    @Test func theReadmeShowsOnlyCheckedLinesAndEachGivesBothPermissions() throws {
        let lines = try Self.readmeLines()
        for line in lines {
            #expect(
                line.swiftPM == Self.permissionFlags, "without a terminal SwiftPM needs both permission flags: \(line)")
            #expect(
                Self.checkedLines.contains(line.tool),
                "the README shows a plugin line that PluginTests does not run: \(line.tool)")
        }
        #expect(Set(lines.map(\.tool)) == Self.checkedLines, "a line PluginTests checks is gone from the README")
    }

    @Test(.timeLimit(.minutes(30))) func everyReadmeLineWorksThroughSwiftPackage() async throws {
        let lines = try Self.readmeLines()
        func readme(_ tool: [String]) throws -> [String] {
            let line = try #require(lines.first { $0.tool == tool }, "the README shows no plugin line for \(tool)")
            return line.swiftPM + ["generate-assets"] + line.tool
        }
        let consumer = try PluginConsumer()

        // Without the network flag SwiftPM refuses before building anything, and names the flag.
        let refused = try await consumer.run(["--allow-writing-to-package-directory", "generate-assets", "validate"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--allow-network-connections all:443"), "\(refused.stderr)")

        // --help reaches the tool (the first run builds it), followed by the plugin's note.
        let help = try await consumer.run(try readme(["--help"]))
        #expect(help.status == 0, "\(help.stderr)\n\(help.stdout)")
        #expect(
            help.stdout.contains("USAGE: generate-assets") && help.stdout.contains("SUBCOMMANDS:"), "\(help.stdout)")
        #expect(help.stdout.contains("--allow-network-connections all:443"), "the plugin's note on SwiftPM's flags")

        let validate = try await consumer.run(try readme(["validate"]))
        #expect(validate.status == 0, "\(validate.stderr)\n\(validate.stdout)")
        #expect(validate.stdout.contains("assets.yml: 9 assets, no errors"))

        let generate = try await consumer.run(try readme(["--provider", "placeholder"]))
        #expect(generate.status == 0, "\(generate.stderr)\n\(generate.stdout)")
        #expect(generate.stdout.contains("9 generated"), "\(generate.stdout)")
        let images = try FileManager.default.contentsOfDirectory(atPath: consumer.package + "/Images").filter {
            $0.hasSuffix(".png")
        }
        #expect(images.count == 9)
        #expect(images.allSatisfy { consumer.read("Images/" + $0).flatMap(PixelSize.of) != nil }, "real PNGs")
        #expect(consumer.read("assets.lock") != nil)

        let check = try readme(["--provider", "placeholder", "status", "--check"])
        let fresh = try await consumer.run(check)
        #expect(fresh.status == 0, "\(fresh.stderr)\n\(fresh.stdout)")
        // SwiftPM also takes its flags after the verb, and passes them on; the plugin keeps them from the tool.
        let flagsAfterVerb = try await consumer.run(
            ["generate-assets"] + Self.permissionFlags + ["--provider", "placeholder", "status", "--check"])
        #expect(flagsAfterVerb.status == 0, "\(flagsAfterVerb.stderr)\n\(flagsAfterVerb.stdout)")

        let manifest = try #require(consumer.read("assets.yml").map { String(decoding: $0, as: UTF8.self) })
        let edited = manifest.replacingOccurrences(of: "An old brass lantern", with: "A new brass lantern")
        #expect(edited != manifest)
        try consumer.write("assets.yml", edited)
        let stale = try await consumer.run(check)
        #expect(stale.status != 0)
        #expect(stale.stdout.contains("prompt changed"), "the tool's own report: \(stale.stdout)")
        #expect(stale.stderr.contains("generate-assets exited with code 1"), "the tool's exit code: \(stale.stderr)")

        // The Gemini line, against the loopback stub: the environment reaches the tool through the plugin.
        let key = "AIzaPLUGIN-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        // On macOS SwiftPM runs a plugin (and the tool it starts) in a sandbox that lets it connect only to
        // the declared port, 443; the stub listens on another, so there this step adds --disable-sandbox, as a
        // user whose proxy listens on another port must (README, "The plugin").
        let sandbox = TestPlatform.isLinux ? [] : ["--disable-sandbox"]
        let gemini = try await consumer.run(
            sandbox + (try readme(["--yes"])),
            environment: ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key])
        #expect(gemini.status == 0, "\(gemini.stderr)\n\(gemini.stdout)")
        #expect(stub.generateRequests.count == 9, "every asset changed provider")
        let banner = try #require(consumer.read("Images/store-banner.png"))
        #expect(PixelSize.of(banner) == PixelSize(width: 3168, height: 1344), "the stub's answer for 3 Pro, 21:9 at 2K")
        #expect(!gemini.stdout.contains(key) && !gemini.stderr.contains(key), "the key leaked")

        // A bad manifest: located errors from the tool, its exit code 2, nothing written.
        try consumer.write(
            "assets.yml",
            "version: 1\ndefaults:\n  aspect: \"1:1\"\nassets:\n  - {id: a, output: Images/a.png, prompt: \"x\"}\n")
        let before = try FileManager.default.subpathsOfDirectory(atPath: consumer.package).sorted()
        let invalid = try await consumer.run(try readme(["validate"]))
        #expect(invalid.status != 0)
        #expect(
            invalid.stdout.contains("assets.yml:3:3: error: defaults.aspect: unknown key 'aspect'"), "\(invalid.stdout)"
        )
        #expect(invalid.stdout.contains("fix: did you mean 'aspect_ratio'?"))
        #expect(invalid.stderr.contains("generate-assets exited with code 2"), "\(invalid.stderr)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: consumer.package).sorted() == before)
    }
}
