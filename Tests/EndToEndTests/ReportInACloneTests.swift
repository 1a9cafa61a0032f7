import Foundation
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
