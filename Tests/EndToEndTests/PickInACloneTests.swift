import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// `pick` in a fresh clone that never made the variants: they are read from git (the note of the commit
/// that made them lists `variant_answers`, the bytes are at `refs/generate-assets/answers`), with no call,
/// and the pick writes, records and commits what a pick in the original clone does. The real tool, a bare
/// remote, the Gemini stub over HTTP with its requests counted.
@Suite struct PickInACloneTests {
    let tool = ToolRunner()
    let key = "AIzaPICK-\(UUID().uuidString)"

    static let manifest = """
        version: 1
        provider: gemini
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A red fox in the snow"
            variants: 3
            config: {seed: 7}
            renditions:
              - {output: Web/fox-64.png, width: 64}
        """
    static let files = ["Images/fox.png", "Web/fox-64.png", "assets.lock"]

    func run(_ arguments: [String], in folder: TemporaryDirectory, stub: URL) throws -> ToolRunner.Result {
        try tool.run(
            arguments, in: folder.path,
            environment: [
                "GEMINI_BASE_URL": stub.absoluteString, "GEMINI_API_KEY": key, "HOME": folder.path,
                "GIT_CONFIG_NOSYSTEM": "1",
            ])
    }

    /// The origin: three variants generated and committed, then pushed with the notes and answers refs to a
    /// bare remote as Docs/Provenance.md says.
    func origin(stub: URL, manifest: String = Self.manifest) throws -> (
        origin: TemporaryDirectory, remote: TemporaryDirectory
    ) {
        let origin = TemporaryDirectory("pick-origin")
        try GitCLI.makeRepository(origin)
        origin.write("assets.yml", manifest)
        try GitCLI.run(["add", "assets.yml"], in: origin.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: origin.path)
        let generate = try run(["generate", "--yes"], in: origin, stub: stub)
        #expect(generate.status == 0, "\(generate.stderr)")
        let remote = TemporaryDirectory("pick-remote")
        try GitCLI.run(["init", "-q", "--bare", "-b", "main"], in: remote.path)
        try GitCLI.run(["remote", "add", "origin", remote.path], in: origin.path)
        try GitCLI.run(
            ["push", "-q", "origin", "main", "refs/notes/generate-assets", "refs/generate-assets/answers"],
            in: origin.path)
        return (origin, remote)
    }

    /// A fresh clone of the remote, with no cache; `fetch` the refs as the error's fix spells them.
    func clone(_ remote: TemporaryDirectory, fetch refs: [String]) throws -> TemporaryDirectory {
        let clone = TemporaryDirectory("pick-clone")
        try GitCLI.run(["clone", "-q", remote.path, clone.path], in: remote.path)
        try GitCLI.run(["config", "user.name", "Grace Hopper"], in: clone.path)
        try GitCLI.run(["config", "user.email", "grace@example.com"], in: clone.path)
        if !refs.isEmpty { try GitCLI.run(["fetch", "-q", "origin"] + refs, in: clone.path) }
        #expect(!clone.exists(".generate-assets"))
        return clone
    }

    static let notesRef = "refs/notes/generate-assets:refs/notes/generate-assets"
    static let answersRef = "refs/generate-assets/answers:refs/generate-assets/answers"

    func noteText(_ folder: TemporaryDirectory) throws -> String {
        try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: folder.path)
    }

    /// The generate-assets record of `fox` in the note on HEAD.
    func note(_ folder: TemporaryDirectory) throws -> [String: Any] {
        let text = try noteText(folder)
        let note = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let records = try #require(note?["assets"] as? [[String: Any]], "\(text)")
        return try #require(records.first { $0["id"] as? String == "fox" }, "\(text)")
    }

    @Test func aFreshCloneReadsTheVariantsFromGitAndPicksAsTheOriginDoes() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let (origin, remote) = try origin(stub: url)
        #expect(stub.generateRequests.count == 3)
        let made = try note(origin)
        let answers = try #require(made["variant_answers"] as? [String: String], "\(made)")
        #expect(answers.keys.sorted() == ["1", "2", "3"])

        let clone = try clone(remote, fetch: [Self.notesRef, Self.answersRef])
        let requests = stub.requests.count
        let picked = try run(["pick", "fox", "2"], in: clone, stub: url)
        #expect(picked.status == 0, "\(picked.stdout)\(picked.stderr)")
        #expect(stub.requests.count == requests, "no request: the variants come from git")
        let image = try #require(clone.read("Images/fox.png"))
        #expect(SHA256.hash(image).hex == answers["2"], "the variant-2 answer, byte for byte")

        // The same pick in the original clone, from its cache: the same files, lock, commit and note.
        let original = try run(["pick", "fox", "2"], in: origin, stub: url)
        #expect(original.status == 0, "\(original.stderr)")
        #expect(stub.requests.count == requests)
        for file in Self.files { #expect(clone.read(file) == origin.read(file), "\(file) differs from the origin's") }
        for folder in [origin, clone] {
            #expect(
                try GitCLI.run(["log", "-1", "--format=%s"], in: folder.path)
                    == "generate-assets: pick variant 2 of fox\n")
            #expect(
                try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: folder.path)
                    == "Images/fox.png\nWeb/fox-64.png\nassets.lock\n")
        }
        // The note too, field for field: variant 2's own call (its cost, response, times) comes from the
        // `variant_calls` the first note kept.
        let (there, here) = (try noteText(origin), try noteText(clone))
        #expect(there == here)
        let record = try note(clone)
        #expect(record["action"] as? String == "picked" && record["picked"] as? Int == 2)
        #expect(record["variant_answers"] as? [String: String] == answers)
        #expect(
            record["cost_usd"] as? Double != nil && record["response_id"] as? String != made["response_id"] as? String)
        // `show` and `log` read the clone's pick as the origin's: the same record, a pick at no cost.
        func shown(_ folder: TemporaryDirectory) throws -> Data {
            let show = try run(["show", "fox", "--json"], in: folder, stub: url)
            let record = ((show.json?["versions"] as? [[String: Any]])?.first?["record"]) ?? [:]
            return try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        }
        #expect(try shown(clone) == shown(origin))
        let show = try run(["show", "fox"], in: clone, stub: url)
        #expect(show.stdout.contains("picked, variant 2 of 3") && !show.stdout.contains("unknown"), "\(show.stdout)")
        let log = try run(["log", "fox"], in: clone, stub: url).stdout.split(separator: "\n").map(String.init)
        #expect(log.count == 5 && log[1].hasSuffix("$0.000") && log[2].contains("variant 2 picked"), "\(log)")
        // The first version paid for three variants: every call its note lists.
        let calls = try #require(made["variant_calls"] as? [String: [String: Any]])
        let paid = calls.values.compactMap { $0["cost_usd"] as? Double }.reduce(0, +)
        #expect(calls.count == 3 && log[3].hasSuffix(String(format: "$%.3f", paid)), "\(log)")
        let status = try run(["status", "--check"], in: clone, stub: url)
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    }

    @Test func aCloneWithoutTheAnswersRefNamesTheFetchThatGetsIt() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let (_, remote) = try origin(stub: url)
        let fetchLine = "git fetch origin \(Self.notesRef) \(Self.answersRef)"
        for refs in [[Self.notesRef], []] {
            let clone = try clone(remote, fetch: refs)
            let before = clone.read("Images/fox.png")
            let requests = stub.requests.count
            let picked = try run(["pick", "fox", "2"], in: clone, stub: url)
            #expect(picked.status == 1, "\(refs): \(picked.stdout)\(picked.stderr)")
            #expect(picked.stderr.contains(fetchLine), "\(refs): \(picked.stderr)")
            #expect(!picked.stderr.contains("--force"), "never a re-roll of committed art")
            #expect(stub.requests.count == requests)
            #expect(clone.read("Images/fox.png") == before)

            // The fix, as the message spells it, makes the pick work.
            try GitCLI.run(["fetch", "-q", "origin", Self.notesRef, Self.answersRef], in: clone.path)
            let again = try run(["pick", "fox", "2"], in: clone, stub: url)
            #expect(again.status == 0, "\(refs): \(again.stderr)")
            #expect(stub.requests.count == requests)
        }
    }
}

extension PickInACloneTests {
    /// `report` in a fresh clone shows the variants git keeps (no cache ever held them) and the rendition
    /// beside the image, with its path.
    @Test func aFreshClonesReportShowsTheVariantsGitKeepsAndTheRenditions() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let (origin, remote) = try origin(stub: url)
        let answers = try #require(try note(origin)["variant_answers"] as? [String: String])
        let clone = try clone(remote, fetch: [Self.notesRef, Self.answersRef])
        let requests = stub.requests.count

        let report = try run(["report", "--json"], in: clone, stub: url)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(stub.requests.count == requests)
        let assets = (report.json?["assets"] as? [[String: Any]]) ?? []
        let fox = try #require(assets.first { $0["id"] as? String == "fox" }, "\(report.stdout)")
        let variants = (fox["variants"] as? [[String: Any]]) ?? []
        #expect(variants.map { $0["number"] as? Int } == [1, 2, 3], "\(fox)")
        #expect(
            variants.map { ($0["image"] as? [String: Any])?["sha256"] as? String }
                == ["1", "2", "3"].map { answers[$0] })
        #expect(variants.map { $0["picked"] as? Bool } == [true, false, false])
        #expect(variants.allSatisfy { $0["cost_usd"] as? Double != nil }, "each variant's cost, from the note")
        // What fox's inputs cost (three calls), as the origin's page says from its cache.
        let there = try run(["report", "--json"], in: origin, stub: url)
        let origins = ((there.json?["assets"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "fox" }
        let cost = try #require(fox["cost_usd"] as? Double, "\(fox)")
        #expect(abs(cost - (origins?["cost_usd"] as? Double ?? 0)) < 1e-9, "\(there.stdout)")
        #expect(abs(cost - variants.compactMap { $0["cost_usd"] as? Double }.reduce(0, +)) < 1e-9)
        let files = (fox["files"] as? [[String: Any]]) ?? []
        #expect(files.map { $0["path"] as? String } == ["Web/fox-64.png"])
        #expect((files.first?["image"] as? [String: Any])?["width"] as? Int == 64)
        let page = try String(contentsOfFile: try #require(report.json?["page"] as? String), encoding: .utf8)
        #expect(page.components(separatedBy: "data-role=\"variant\"").count == 4)
        #expect(page.contains("data-path=\"Web/fox-64.png\""))

        // The three variants were paid for: the clone's `usage` reads every one from the note, as the origin's
        // call log has them.
        let (spent, logged) = (
            try run(["usage", "--json"], in: clone, stub: url), try run(["usage", "--json"], in: origin, stub: url)
        )
        let total = try #require(logged.json?["total_usd"] as? Double)
        #expect(abs((spent.json?["total_usd"] as? Double ?? 0) - total) < 1e-9, "\(spent.stdout)")
        let calls = ((spent.json?["rows"] as? [[String: Any]]) ?? []).compactMap { $0["calls"] as? Int }.reduce(0, +)
        #expect(calls == 3, "\(spent.stdout)")
    }

    /// A catalog set's variants: no committed file is a variant (each is cut into the set's files), so the
    /// clone reads them all from the answers ref, and its pick writes the set, lock and note as the origin's.
    @Test func aSetsVariantPickedInACloneIsTheOrigins() throws {
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let manifest = """
            version: 1
            provider: gemini
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - id: badge
                output: App/Assets.xcassets/Badge.imageset
                prompt: "A badge"
                variants: 2
                config: {seed: 3}
                scales: [1, 2]
                point_size: [40, 40]
            """
        let (origin, remote) = try origin(stub: url, manifest: manifest)
        let clone = try clone(remote, fetch: [Self.notesRef, Self.answersRef])
        let requests = stub.requests.count
        let picked = try run(["pick", "badge", "2"], in: clone, stub: url)
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(try run(["pick", "badge", "2"], in: origin, stub: url).status == 0)
        #expect(stub.requests.count == requests)
        let set = "App/Assets.xcassets/Badge.imageset/"
        for file in [set + "Badge.png", set + "Badge@2x.png", set + "Contents.json", "assets.lock"] {
            #expect(clone.read(file) != nil && clone.read(file) == origin.read(file), "\(file)")
        }
        #expect(try noteText(clone) == noteText(origin))
    }
}
