import Foundation
import GeminiStub
import TestSupport
import Testing

/// `accept` on a catalog set, in a team's clone with no cache: the set's image as the lock records it (read
/// from git) becomes the image for the set's current inputs, with no call, and its files stay byte for byte.
extension TeamCloneTests {
    /// Killed by refusing a set again (the old `hasOutputFile` guard) and by dropping the check of hand-edited
    /// set files (the edited file would be taken as made from the image).
    @Test func acceptTakesACatalogSetsRecordedImageForItsNewInputs() throws {
        let team = try Team(self)
        defer { team.stub.stop() }
        let (stub, url, clone, calls) = (team.stub, team.url, team.clone, team.calls)
        let before = snapshot(clone)
        clone.write(
            "assets.yml",
            Self.manifest(style: "Cool ink lines.").replacingOccurrences(
                of: "\"A brass lantern\"", with: "\"A polished brass lantern\""))
        let stale = try run(["status", "--json"], in: clone.path, stub: url)
        #expect(stale.states["lantern"] == "stale", "\(stale.stdout)")

        // A set file edited by hand is not the set's image: refused, with the way on.
        let edited = "App/Assets.xcassets/Lantern.imageset/Lantern@2x.png"
        clone.write(edited, TestImages.png(width: 64, height: 64, seed: 5))
        let refused = try run(["accept", "lantern"], in: clone.path, stub: url)
        #expect(refused.status != 0, "\(refused.stdout)")
        #expect(
            refused.stderr.contains("edited by hand") && refused.stderr.contains("delete \(edited)"),
            "\(refused.stderr)")
        try GitCLI.run(["checkout", "--", edited], in: clone.path)

        let accept = try run(["accept", "lantern", "--json"], in: clone.path, stub: url)
        #expect(accept.status == 0, "\(accept.stdout)\(accept.stderr)")
        let accepted = ((accept.json?["accepted"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(accepted == ["lantern"])
        #expect(stub.generateRequests.count == calls, "no call")
        for file in Self.files where file != "assets.lock" {
            #expect(clone.read(file) == before[file], "\(file) changed")
        }
        let subject = try GitCLI.run(["log", "-1", "--format=%s"], in: clone.path)
        #expect(subject.contains("accept lantern"), "\(subject)")
        let note = try GitCLI.run(["notes", "--ref=generate-assets", "show", "HEAD"], in: clone.path)
        #expect(note.contains("accepted by hand"))
        let after = try run(["status", "--check", "--json"], in: clone.path, stub: url)
        #expect(after.status == 0, "the set and every asset made from its image are fresh: \(after.stdout)")
    }
}
