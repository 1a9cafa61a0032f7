import Foundation
import GeminiStub
import TestSupport
import Testing

/// The team's project as the rest of a team meets it: the origin losing its cache, a placeholder run and a
/// designer's Xcode edit in the clone. None of them spends, changes shipped art or commits.
extension TeamCloneTests {
    func total(_ folder: TemporaryDirectory, stub: URL) throws -> (usd: Double, calls: Int) {
        let usage = try run(["usage", "--json"], in: folder.path, stub: stub)
        #expect(usage.status == 0, "\(usage.stderr)")
        let rows = (usage.json?["rows"] as? [[String: Any]]) ?? []
        return (usage.json?["total_usd"] as? Double ?? -1, rows.compactMap { $0["calls"] as? Int }.reduce(0, +))
    }

    /// Killed by a placeholder run that replaces real images (`keepsRealImage` false), by `usage` reading
    /// one call per note record (no `variant_calls`), and by an Xcode key taken for the tool's own.
    @Test func aLostCacheAPlaceholderRunAndAnXcodeEditChangeNothing() throws {
        let team = try Team(self)
        defer { team.stub.stop() }
        let (stub, url, origin, clone, calls) = (team.stub, team.url, team.origin, team.clone, team.calls)

        // The origin's cache deleted: `usage` reads every paid call (three variants a run) from the notes.
        let spent = try total(origin, stub: url)
        #expect(spent.calls == calls && spent.usd > 0, "\(spent)")
        try FileManager.default.removeItem(atPath: origin.url(".generate-assets"))
        let fromNotes = try total(origin, stub: url)
        #expect(fromNotes.calls == spent.calls && abs(fromNotes.usd - spent.usd) < 1e-9, "\(fromNotes) vs \(spent)")
        let inClone = try total(clone, stub: url)
        #expect(inClone.calls == spent.calls && abs(inClone.usd - spent.usd) < 1e-9, "\(inClone) vs \(spent)")

        // A placeholder run in the clone: every image is real, so nothing is written and nothing committed.
        let shipped = snapshot(clone)
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: clone.path)
        let placeholder = try run(["generate", "--provider", "placeholder", "--json"], in: clone.path, stub: url)
        #expect(placeholder.status == 0, "\(placeholder.stderr)")
        for file in Self.files { #expect(clone.read(file) == shipped[file], "\(file) was replaced") }
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone.path) == head, "nothing committed")
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone.path).isEmpty)

        // "Render As: Template" ticked in Xcode and committed: the set stays fresh, and a run leaves it alone.
        let contents = "App/Assets.xcassets/Lantern.imageset/Contents.json"
        let written = String(decoding: try #require(clone.read(contents)), as: UTF8.self)
        let template = written.replacingOccurrences(
            of: "    \"version\" : 1\n  }\n}\n",
            with: "    \"version\" : 1\n  },\n  \"properties\" : {\n"
                + "    \"template-rendering-intent\" : \"template\"\n  }\n}\n")
        #expect(template != written)
        clone.write(contents, template)
        try GitCLI.run(["commit", "-q", "-am", "Render As: Template"], in: clone.path)
        let designed = try GitCLI.run(["rev-parse", "HEAD"], in: clone.path)
        let check = try run(["status", "--check", "--json"], in: clone.path, stub: url)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try run(["generate", "--yes"], in: clone.path, stub: url).status == 0)
        #expect(clone.read(contents) == Data(template.utf8))
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone.path) == designed)
        #expect(stub.generateRequests.count == calls, "no call")
    }
}
