import Foundation
import TestSupport
import Testing

/// The shared options work before or after the subcommand, and only where they mean something.
@Suite struct SharedOptionsTests {
    let tool = ToolRunner()

    @Test func providerBeforeTheSubcommandReachesStatus() throws {
        let project = TenAssetProject.make()
        #expect(
            try tool.run(["--provider", "placeholder", "--no-commit"], in: project.path).status == 0,
            "no subcommand: generate")
        let before = try tool.run(["--provider", "placeholder", "status", "--check"], in: project.path)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(try tool.run(["status", "--check", "--provider", "placeholder"], in: project.path).status == 0)
        let otherProvider = try tool.run(["--provider", "gemini", "status", "--check", "--json"], in: project.path)
        #expect(otherProvider.status == 1, "the option before the subcommand is applied, not ignored")
        #expect(otherProvider.reasons("a1") == ["provider changed (placeholder → gemini)"])
    }

    @Test func directoryAndJSONBeforeNestedSubcommands() throws {
        let project = TenAssetProject.make()
        let elsewhere = TemporaryDirectory("elsewhere")
        let validate = try tool.run(["-C", project.path, "--json", "validate"], in: elsewhere.path)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.json?["assets"] as? Int == 10)
        #expect(try tool.run(["-C", project.path, "generate"], in: elsewhere.path).status == 0)
        let stats = try tool.run(["--json", "-C", project.path, "cache", "stats"], in: elsewhere.path)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.json?["blobs"] as? Int == 10, "\(stats.stdout)")
    }

    @Test func initTakesTheFolderFromDirectoryAndRefusesTheRest() throws {
        let folder = TemporaryDirectory("init-shared")
        #expect(try tool.run(["-C", folder.url("app"), "init"], in: folder.path).status == 0)
        #expect(folder.exists("app/assets.yml"))
        let refused = try tool.run(["--json", "--provider", "placeholder", "init"], in: folder.path)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("init takes no --provider, --json"), "\(refused.stderr)")
        #expect(!folder.exists("assets.yml"))
    }

    @Test func helpAndErrorsStayRight() throws {
        let folder = TemporaryDirectory("shared-help")
        let root = try tool.run(["--help"], in: folder.path)
        #expect(root.status == 0)
        #expect(root.stdout.contains("--provider <provider>") && root.stdout.contains("SUBCOMMANDS:"))
        let status = try tool.run(["--provider", "placeholder", "status", "--help"], in: folder.path)
        #expect(status.status == 0)
        #expect(
            status.stdout.contains("USAGE: generate-assets status") && status.stdout.contains("--provider <provider>")
                && status.stdout.contains("--check"))
        let unknown = try tool.run(["--provider", "placeholder", "status", "--bogus"], in: folder.path)
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr.contains("Unknown option '--bogus'")
                && unknown.stderr.contains("Usage: generate-assets status"))
        let badValue = try tool.run(["--color", "purple", "status"], in: folder.path)
        #expect(badValue.status == 64)
        #expect(badValue.stderr.contains("The value 'purple' is invalid for '--color <color>'"))
    }

    /// `--only` takes several values: before the subcommand it swallows the subcommand's name, and says so.
    @Test func onlyBeforeTheSubcommandSaysWhereItGoes() throws {
        let project = TenAssetProject.make()
        let misplaced = try tool.run(["--provider", "placeholder", "--only", "a1", "status"], in: project.path)
        #expect(misplaced.status == 1)
        #expect(misplaced.stderr.contains("--only names unknown asset 'status'"))
        #expect(
            misplaced.stderr.contains(
                "if 'status' is a command, write it before --only: generate-assets status --only a1"),
            "\(misplaced.stderr)")
    }
}
