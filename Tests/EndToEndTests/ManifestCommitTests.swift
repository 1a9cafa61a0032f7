import Foundation
import TestSupport
import Testing

/// `--commit-manifest` and `git: {commit_manifest: true}`: the manifest goes into the images' commit.
@Suite struct ManifestCommitTests {
    let tool = ToolRunner()

    func repository() throws -> TemporaryDirectory {
        let project = TenAssetProject.make()
        try GitCLI.makeRepository(project)
        try GitCLI.run(["add", "assets.yml", "Art"], in: project.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: project.path)
        return project
    }

    func run(_ arguments: [String], in project: TemporaryDirectory) throws -> ToolRunner.Result {
        try tool.run(arguments, in: project.path, environment: ["HOME": project.path, "GIT_CONFIG_NOSYSTEM": "1"])
    }

    func headFiles(_ project: TemporaryDirectory) throws -> [String] {
        try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: project.path).split(separator: "\n").map(
            String.init)
    }

    func commits(_ project: TemporaryDirectory) throws -> String {
        try GitCLI.run(["rev-list", "--count", "HEAD"], in: project.path)
    }

    @Test func theFlagCommitsTheManifestWithTheImages() throws {
        let project = try repository()
        #expect(try run(["generate"], in: project).status == 0)
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"uno\""))
        let result = try run(["generate", "--commit-manifest"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try headFiles(project) == ["Images/a1.png", "assets.lock", "assets.yml"])
        #expect(try GitCLI.run(["status", "--porcelain", "assets.yml"], in: project.path).isEmpty)
        #expect(!result.stderr.contains("not committed"), "\(result.stderr)")
        // Checking out the image commit elsewhere: the manifest there made its images, so all is fresh.
        let clone = TemporaryDirectory("clone")
        try GitCLI.run(["clone", "-q", project.path, clone.path], in: project.path)
        let status = try run(["status", "--check"], in: clone)
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    }

    @Test func theManifestSettingCommitsItOnEveryRunButNeverAlone() throws {
        let project = try repository()
        let setting = TenAssetProject.manifest.replacingOccurrences(
            of: "provider: placeholder\n", with: "provider: placeholder\ngit: {commit_manifest: true}\n")
        project.write("assets.yml", setting)
        #expect(try run(["generate"], in: project).status == 0)
        #expect(try headFiles(project).contains("assets.yml"))
        let before = try commits(project)
        project.write("assets.yml", setting + "\n# a comment changes no image\n")
        #expect(try run(["generate"], in: project).status == 0)
        #expect(try commits(project) == before, "no commit of the manifest alone")
        #expect(!(try GitCLI.run(["status", "--porcelain", "assets.yml"], in: project.path).isEmpty))
    }

    @Test func theWarningNamesBothWays() throws {
        let project = try repository()
        #expect(try run(["generate"], in: project).status == 0)
        project.write(
            "assets.yml", TenAssetProject.manifest.replacingOccurrences(of: "prompt: \"one\"", with: "prompt: \"uno\""))
        let result = try run(["generate"], in: project)
        #expect(result.status == 0)
        #expect(!(try headFiles(project).contains("assets.yml")))
        #expect(result.stderr.contains("pass --commit-manifest"), "\(result.stderr)")
        #expect(result.stderr.contains("git: {commit_manifest: true}"), "\(result.stderr)")
    }

    @Test func aMisspeltGitKeyIsAnError() throws {
        let project = try repository()
        project.write(
            "assets.yml",
            TenAssetProject.manifest.replacingOccurrences(
                of: "version: 1\n", with: "version: 1\ngit: {commit_manifst: true}\n"))
        let result = try run(["validate"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'commit_manifest'?"), "\(result.stderr)")
    }
}
