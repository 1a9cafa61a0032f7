import Foundation
import GeminiStub
import TestSupport
import Testing

/// `status` and `generate --dry-run` in a team's clone plan what `generate` will do: a revert whose images are
/// all in git is a restore from history at $0, and an image the clone lacks is said before anything is spent,
/// with the fetch Docs/Provenance.md gives teams as the fix, never a re-roll of committed art.
extension TeamCloneTests {
    static let revertedIDs: Set<String> = ["lantern", "lantern.dark", "hero", "poster", "badge"]

    func assets(_ result: ToolRunner.Result) -> [String: [String: Any]] {
        var assets: [String: [String: Any]] = [:]
        for asset in (result.json?["assets"] as? [[String: Any]]) ?? [] {
            if let id = asset["id"] as? String { assets[id] = asset }
        }
        return assets
    }

    /// The fetch line of Docs/Provenance.md ("In a fresh clone, once: `git fetch …`"), as one line.
    static func documentedFetch() throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/Provenance.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "In a fresh clone, once: `"))
        let end = try #require(text[start.upperBound...].firstIndex(of: "`"))
        return text[start.upperBound..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Killed by planning status and --dry-run without the history search (`CommittedImages.plan` not called
    /// from StatusRunner, or with `storeInto` ignored for the search): the revert is then planned as 5 paid calls.
    @Test func statusAndDryRunPlanARevertFromHistoryAtNoCost() throws {
        let team = try Team(self)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        clone.write("assets.yml", Self.manifest())
        for arguments in [["status", "--json"], ["generate", "--dry-run", "--json"]] {
            let plan = try run(arguments, in: clone.path, stub: url)
            #expect(plan.json?["estimated_cost_usd"] as? Double == 0, "\(arguments): \(plan.stdout)\(plan.stderr)")
            let planned = assets(plan)
            for id in Self.revertedIDs {
                #expect(planned[id]?["action"] as? String == "restore", "\(arguments) \(id): \(planned[id] ?? [:])")
                #expect(planned[id]?["estimated_cost_usd"] as? Double == 0)
                #expect(
                    plan.reasons(id).contains { $0.hasPrefix("restore from history") }, "\(arguments) \(id)")
            }
            #expect((plan.json?["stats"] as? [String: Any])?["provider_calls"] as? Int == 0)
        }
        let text = try run(["status"], in: clone.path, stub: url)
        #expect(text.stdout.contains("5 from git history"), "\(text.stdout)")
        #expect(stub.generateRequests.count == calls, "planning calls nothing")

        let revert = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(revert.ids(in: "restored") == Self.revertedIDs, "\(revert.stdout)")
        #expect(stub.generateRequests.count == calls, "the plan was right: no call")
        #expect(revert.reasons("poster").contains { $0.hasPrefix("restore from history") })
    }

    /// A rendition of the lossy output and a scale of the catalog set changed in a clone that did not fetch the
    /// answers: the PNG answer and the set's image are in neither the cache nor git. status and --dry-run say
    /// so at $0 with the documented fetch as the fix, generate keeps the committed art (no call), and the fetch
    /// makes the files from git at no cost.
    /// Killed by dropping `lostImageFix` (the plan re-rolls hero and poster) or its warning.
    @Test func aLostImageIsFetchedNeverReRolled() throws {
        let team = try Team(self, fetchAnswers: false)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        let fetch = try Self.documentedFetch()
        #expect(fetch.hasPrefix("git fetch origin ") && fetch.contains("refs/generate-assets/answers"))
        let shipped = snapshot(clone)
        clone.write(
            "assets.yml",
            Self.manifest(style: "Cool ink lines.").replacingOccurrences(of: "width: 64", with: "width: 48")
                .replacingOccurrences(of: "scales: [1, 2]", with: "scales: [1, 2, 3]"))
        for arguments in [["status", "--json"], ["generate", "--dry-run", "--json"]] {
            let plan = try run(arguments, in: clone.path, stub: url)
            #expect(plan.json?["estimated_cost_usd"] as? Double == 0, "\(arguments): \(plan.stdout)")
            for id in ["hero", "lantern"] {
                #expect(assets(plan)[id]?["action"] as? String == "unrecoverable", "\(arguments) \(id): \(plan.stdout)")
                let warnings = (plan.json?["warnings"] as? [[String: Any]]) ?? []
                let warning = try #require(
                    warnings.first { ($0["message"] as? String)?.contains("'\(id)'") == true }, "\(plan.stdout)")
                let fix = warning["fix"] as? String ?? ""
                #expect(fix.contains("'\(fetch)'"), "the docs' fetch line: \(fix)")
                #expect(!fix.contains("--force") && !(warning["message"] as? String ?? "").contains("--force"))
            }
            for id in ["poster", "badge"] {
                #expect(assets(plan)[id]?["state"] as? String == "fresh", "\(id) keeps its inputs: \(plan.stdout)")
            }
        }
        let generate = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(stub.generateRequests.count == calls, "no re-roll: \(generate.stdout)")
        #expect(generate.ids(in: "failed").isEmpty)
        for file in Self.files where file != "assets.lock" {
            #expect(clone.read(file) == shipped[file], "\(file) is the committed art")
        }

        try GitCLI.run(Array(fetch.split(separator: " ").dropFirst().map(String.init)), in: clone.path)
        let fetched = try run(["status", "--json"], in: clone.path, stub: url)
        #expect(assets(fetched)["hero"]?["action"] as? String == "render", "\(fetched.stdout)")
        #expect(assets(fetched)["lantern"]?["action"] as? String == "render", "\(fetched.stdout)")
        let rendered = try run(["generate", "--yes", "--json"], in: clone.path, stub: url)
        #expect(rendered.states["hero"] == "rendered" && rendered.states["lantern"] == "rendered", "\(rendered.stdout)")
        #expect(clone.read("App/Assets.xcassets/Lantern.imageset/Lantern@3x.png") != nil)
        #expect(stub.generateRequests.count == calls)
        #expect(clone.read("Images/hero.jpg") == shipped["Images/hero.jpg"])
    }

    /// A revert in a clone that did not fetch the answers: the set's version-1 image is recorded in git but not
    /// here. The plan says so before spending, naming the commit, with the fetch as the fix; after the fetch the
    /// revert is planned and made at $0. Killed by dropping the `missing` warnings.
    @Test func aRevertWhoseImageIsNotFetchedSaysSoBeforeSpending() throws {
        let team = try Team(self, fetchAnswers: false)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        let fetch = try Self.documentedFetch()
        clone.write("assets.yml", Self.manifest())
        for arguments in [["status", "--json"], ["generate", "--dry-run", "--json"]] {
            let plan = try run(arguments, in: clone.path, stub: url)
            let warnings = (plan.json?["warnings"] as? [[String: Any]]) ?? []
            let warning = try #require(
                warnings.first {
                    ($0["message"] as? String)?.contains("'lantern' was committed for these inputs") == true
                }, "\(arguments): \(plan.stdout)")
            #expect((warning["fix"] as? String)?.contains("'\(fetch)'") == true)
        }
        #expect(stub.generateRequests.count == calls)
        try GitCLI.run(Array(fetch.split(separator: " ").dropFirst().map(String.init)), in: clone.path)
        let plan = try run(["generate", "--dry-run", "--json"], in: clone.path, stub: url)
        #expect(plan.json?["estimated_cost_usd"] as? Double == 0, "\(plan.stdout)")
        #expect(((plan.json?["warnings"] as? [Any]) ?? []).isEmpty, "\(plan.stdout)")
    }
}
