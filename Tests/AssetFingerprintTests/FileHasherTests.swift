import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

/// An in-memory stat store, standing in for SQLite (which AssetCacheTests cover).
final class MemoryStatStore: StatCacheStore, @unchecked Sendable {
    var records: [String: StatRecord] = [:]
    func loadStatRecords() throws -> [String: StatRecord] { records }
    func saveStatRecords(_ new: [String: StatRecord]) throws { records.merge(new) { $1 } }
}

@Suite struct FileHasherTests {
    @Test func unchangedFilesAreNotReadAgain() throws {
        let folder = TemporaryDirectory()
        folder.write("a.png", TestImages.png(seed: 1))
        let store = MemoryStatStore()
        let first = FileHasher(root: folder.path, known: [:])
        let hash = try first.hash("a.png")
        #expect(first.filesHashed == 1)
        try first.flush(to: store)
        let second = FileHasher(root: folder.path, known: try store.loadStatRecords())
        #expect(try second.hash("a.png") == hash)
        #expect(second.filesHashed == 0, "trusted from the stat cache after flush waited out the racy window")
        #expect(second.filesStatted == 1)
    }

    @Test func changedFilesAreRehashed() throws {
        let folder = TemporaryDirectory()
        folder.write("a.png", TestImages.png(seed: 1))
        let store = MemoryStatStore()
        let first = FileHasher(root: folder.path, known: [:])
        _ = try first.hash("a.png")
        try first.flush(to: store)
        folder.write("a.png", TestImages.png(seed: 2))
        let second = FileHasher(root: folder.path, known: try store.loadStatRecords())
        #expect(try second.hash("a.png") == SHA256.hash(TestImages.png(seed: 2)))
        #expect(second.filesHashed == 1)
    }

    @Test func racyEntriesAreNotTrusted() throws {
        let folder = TemporaryDirectory()
        folder.write("a.png", "one")
        let stat = try #require(try FileStat.of(folder.url("a.png")))
        // Recorded in the same instant as the file's mtime: a same-tick rewrite could hide behind it.
        let racy = StatRecord(stat: stat, sha256: SHA256.hash("stale"), statTimeNanoseconds: stat.mtimeNanoseconds)
        let hasher = FileHasher(root: folder.path, known: ["a.png": racy])
        #expect(try hasher.hash("a.png") == SHA256.hash("one"))
        #expect(hasher.filesHashed == 1)
        let safe = StatRecord(
            stat: stat, sha256: SHA256.hash("trusted"), statTimeNanoseconds: stat.mtimeNanoseconds + 3_000_000_000)
        let trusting = FileHasher(root: folder.path, known: ["a.png": safe])
        #expect(try trusting.hash("a.png") == SHA256.hash("trusted"), "a settled entry is trusted without reading")
    }

    /// The planner hashes through `prefetch` (and `seed` with validation's stats), not `hash` alone: the
    /// racy-clean guard must hold there too. Killed by removing the guard from `prefetch`.
    @Test func racyEntriesAreNotTrustedOnThePlannersPath() throws {
        let folder = TemporaryDirectory()
        folder.write("a.png", "one")
        folder.write("b.png", "two")
        let statA = try #require(try FileStat.of(folder.url("a.png")))
        let statB = try #require(try FileStat.of(folder.url("b.png")))
        let known = [
            "a.png": StatRecord(stat: statA, sha256: SHA256.hash("stale"), statTimeNanoseconds: statA.mtimeNanoseconds),
            "b.png": StatRecord(stat: statB, sha256: SHA256.hash("stale"), statTimeNanoseconds: statB.mtimeNanoseconds),
        ]
        let hasher = FileHasher(root: folder.path, known: known)
        hasher.seed(["b.png": FileReading(kind: .file, stat: statB, timeNanoseconds: statB.mtimeNanoseconds + 1)])
        hasher.prefetch(["a.png", "b.png"])
        #expect(try hasher.hash("a.png") == SHA256.hash("one"), "a racy entry is read again, not trusted")
        #expect(try hasher.hash("b.png") == SHA256.hash("two"), "also with a stat handed over by validation")
        #expect(hasher.filesHashed == 2)

        let settled = known.mapValues {
            StatRecord(stat: $0.stat, sha256: $0.sha256, statTimeNanoseconds: $0.stat.mtimeNanoseconds + 3_000_000_000)
        }
        let trusting = FileHasher(root: folder.path, known: settled)
        trusting.prefetch(["a.png", "b.png"])
        #expect(try trusting.hash("a.png") == SHA256.hash("stale"), "a settled entry is trusted without reading")
        #expect(trusting.filesHashed == 0)
    }

    @Test func missingFilesHashToNil() throws {
        let hasher = FileHasher(root: TemporaryDirectory().path, known: [:])
        #expect(try hasher.hash("nope.png") == nil)
    }
}
