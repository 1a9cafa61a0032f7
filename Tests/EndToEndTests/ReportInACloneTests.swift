import Foundation
import GeminiStub
import TestSupport
import Testing

/// `report` in a fresh clone (no `.generate-assets/` yet) keeps its state folder out of git.
@Suite struct ReportInACloneTests {
    let tool = ToolRunner()

    @Test func reportInAFreshCloneCreatesTheStateFolderWithItsGitignore() throws {
        let project = TenAssetProject.make()
        try GitCLI.makeRepository(project)
        let env = ["HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(try tool.run(["generate", "--commit-manifest"], in: project.path, environment: env).status == 0)
        try GitCLI.run(["add", "Art"], in: project.path)
        try GitCLI.run(["commit", "-q", "-m", "art"], in: project.path)
        let clone = TemporaryDirectory("report-clone")
        try GitCLI.run(["clone", "-q", project.path, clone.path], in: project.path)
        #expect(!clone.exists(".generate-assets"))

        let report = try tool.run(["report"], in: clone.path, environment: ["HOME": clone.path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(clone.exists(".generate-assets/report/index.html"))
        #expect(clone.exists(".generate-assets/.gitignore"))
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone.path).isEmpty)
    }
}

extension ReportInACloneTests {
    @Test func theCostOfAnImageMadeElsewhereIsReadFromItsNote() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        let url = try stub.start()
        defer { stub.stop() }
        let project = TemporaryDirectory("report-cost")
        try GitCLI.makeRepository(project)
        project.write("assets.yml", PlaceholderGuardTests.manifest)
        let env = [
            "HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1", "GEMINI_BASE_URL": url.absoluteString,
            "GEMINI_API_KEY": "test-key",
        ]
        #expect(
            try tool.run(["generate", "--yes", "--commit-manifest"], in: project.path, environment: env).status == 0)
        let clone = TemporaryDirectory("report-cost-clone")
        try GitCLI.run(["clone", "-q", project.path, clone.path], in: project.path)
        try GitCLI.run(
            ["fetch", "-q", "origin", "refs/notes/generate-assets:refs/notes/generate-assets"], in: clone.path)
        clone.write("assets.yml", PlaceholderGuardTests.manifest.replacingOccurrences(of: "An owl", with: "A barn owl"))

        let report = try tool.run(["report", "--json"], in: clone.path, environment: ["HOME": clone.path])
        #expect(report.status == 0, "\(report.stderr)")
        let assets = try #require(report.json?["assets"] as? [[String: Any]])
        let owl = try #require(assets.first { $0["id"] as? String == "owl" }, "\(assets)")
        let cost = try #require(owl["cost_usd"] as? Double, "\(owl)")
        #expect(cost > 0)
    }
}
