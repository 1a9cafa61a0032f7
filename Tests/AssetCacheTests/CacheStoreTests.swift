import AssetCache
import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

func sampleResult(image: Data, fingerprint: ContentHash = SHA256.hash("fp"), text: String? = "Here you go.")
    -> CachedResult
{
    CachedResult(
        fingerprint: fingerprint, blobSHA256: SHA256.hash(image), provider: "gemini", model: "gemini-3-pro-image",
        isPlaceholder: false,
        modelVersion: "gemini-3-pro-image", responseID: "resp-1", text: text, thoughtSignatures: ["c2ln"],
        usage: TokenUsage(
            promptTokens: 264, outputTokens: 1300, thoughtsTokens: 180, imageTokens: 1120, totalTokens: 1744),
        costUSD: 0.134,
        inputs: AssetInputs(
            provider: "gemini", model: "gemini-3-pro-image", prompt: "p", systemInstruction: nil, config: [:],
            references: []),
        startedAt: Date(timeIntervalSince1970: 1_700_000_000), finishedAt: Date(timeIntervalSince1970: 1_700_000_012))
}

@Suite struct CacheStoreTests {
    @Test func migratesToTheLatestSchemaInWALMode() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        #expect(try cache.schemaVersion() == 10)
        #expect(try cache.database.query("PRAGMA journal_mode").first?.first?.text == "wal")
        #expect(
            folder.read(".generate-assets/.gitignore").map { String(decoding: $0, as: UTF8.self) }?.contains("*")
                == true)
        let again = try #require(try CacheStore.open(projectRoot: folder.path))
        #expect(try again.schemaVersion() == 10)
    }

    @Test func storesAndRestoresResultsWithTheirImages() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let image = TestImages.png(seed: 9)
        let result = sampleResult(image: image)
        try cache.store(result, image: image)
        #expect(try cache.result(for: result.fingerprint) == result)
        #expect(try cache.blob(result.blobSHA256) == image)
        // Same image under a second fingerprint: one blob.
        try cache.store(sampleResult(image: image, fingerprint: SHA256.hash("other")), image: image)
        #expect(try cache.statistics().blobs == 1)
        #expect(try cache.statistics().results == 2)
        #expect(try cache.result(for: SHA256.hash("unknown")) == nil)
    }

    @Test func verifyFindsAndRepairsDamagedBlobs() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let image = TestImages.png(seed: 3)
        try cache.store(sampleResult(image: image), image: image)
        #expect(try cache.verify().isHealthy)
        try cache.database.query("UPDATE blobs SET data = ?", [.blob(Data("rot".utf8))])
        let report = try cache.verify()
        #expect(report.damagedBlobs == [SHA256.hash(image)])
        #expect(!report.isHealthy)
        #expect(throws: UserFacingError.self) { try cache.blob(SHA256.hash(image)) }
        _ = try cache.verify(repair: true)
        #expect(try cache.verify().isHealthy)
        #expect(
            try cache.result(for: SHA256.hash("fp")) == nil, "the damaged result is gone, so it will be regenerated")
    }

    /// A value SQLite holds as text (rewritten by hand or by another tool) is read as bytes and found damaged.
    @Test func aBlobRewrittenAsTextIsDamaged() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let image = TestImages.png(seed: 4)
        try cache.store(sampleResult(image: image), image: image)
        try cache.database.query("UPDATE blobs SET data = substr(data, 1, 100) || x'00'")
        #expect(try cache.database.query("SELECT typeof(data) FROM blobs").first?.first?.text == "text")
        #expect(try cache.verify().damagedBlobs == [SHA256.hash(image)])
        #expect(throws: UserFacingError.self) { try cache.blob(SHA256.hash(image)) }
        _ = try cache.verify(repair: true)
        #expect(try cache.verify().isHealthy)
    }

    /// `cache reset` sets the database aside; what was spent stays in the new one's call log.
    @Test func aResetKeepsTheCallLog() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        try cache.logCall(
            CallRecord(
                startedAt: Date(), assetID: "fox", provider: "gemini", model: "gemini-3-pro-image", status: "ok",
                attempts: 1, duration: 3, costUSD: 0.134))
        let aside = try #require(try CacheStore.reset(projectRoot: folder.path))
        #expect(FileManager.default.fileExists(atPath: aside))
        let fresh = try #require(try CacheStore.open(projectRoot: folder.path))
        #expect(try fresh.statistics().blobs == 0)
        let rows = try fresh.usage(by: .asset, since: nil)
        #expect(rows.count == 1 && rows.first?.key == "fox" && abs((rows.first?.costUSD ?? 0) - 0.134) < 1e-9)
    }

    @Test func garbageCollectionKeepsWhatIsNeeded() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let kept = TestImages.png(seed: 1)
        let current = TestImages.png(seed: 2)
        let old = TestImages.png(seed: 3)
        try cache.store(sampleResult(image: kept, fingerprint: SHA256.hash("1")), image: kept)
        try cache.store(sampleResult(image: current, fingerprint: SHA256.hash("2")), image: current)
        try cache.store(sampleResult(image: old, fingerprint: SHA256.hash("3")), image: old)
        let future = Date().addingTimeInterval(3600)
        let plan = try cache.collectGarbage(
            keep: [SHA256.hash(kept)], keepFingerprints: [SHA256.hash("2")], cutoff: future, dryRun: true)
        #expect(plan.blobs == [SHA256.hash(old)])
        let described = try #require(plan.images.first)
        #expect(
            described.sha256 == SHA256.hash(old) && described.model == "gemini-3-pro-image"
                && described.costUSD == 0.134 && described.prompt == sampleResult(image: old).inputs.prompt
                && !described.placeholder, "what the image was, to judge before deleting it")
        #expect(try cache.statistics().blobs == 3, "dry run deletes nothing")
        let recent = try cache.collectGarbage(
            keep: [], keepFingerprints: [], cutoff: Date().addingTimeInterval(-3600), dryRun: false)
        #expect(recent.blobs.isEmpty, "anything newer than the cutoff is kept")
        _ = try cache.collectGarbage(
            keep: [SHA256.hash(kept)], keepFingerprints: [SHA256.hash("2")], cutoff: future, dryRun: false)
        #expect(try cache.statistics().blobs == 2)
        #expect(try cache.blob(SHA256.hash(old)) == nil)
    }

    @Test func statRecordsRoundTrip() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let record = StatRecord(
            stat: FileStat(size: 10, mtimeNanoseconds: 5, ctimeNanoseconds: 6, inode: UInt64.max - 1),
            sha256: SHA256.hash("x"), statTimeNanoseconds: 7)
        try cache.saveStatRecords(["Art/a.png": record])
        #expect(try cache.loadStatRecords() == ["Art/a.png": record])
    }

    @Test func damagedDatabaseSaysHowToRecover() throws {
        let folder = TemporaryDirectory()
        folder.write(".generate-assets/cache.sqlite", String(repeating: "not a database ", count: 500))
        #expect {
            _ = try CacheStore.open(projectRoot: folder.path)
        } throws: { error in
            "\(error)".contains("cache reset")
        }
        let aside = try #require(try CacheStore.reset(projectRoot: folder.path))
        #expect(FileManager.default.fileExists(atPath: aside), "set aside, never deleted")
        #expect(try CacheStore.open(projectRoot: folder.path) != nil)
    }

    @Test func newerSchemaIsRefused() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        try cache.database.execute("PRAGMA user_version = 99")
        #expect { _ = try CacheStore.open(projectRoot: folder.path) } throws: {
            "\($0)".contains("newer generate-assets")
        }
    }

    @Test func callLogNeverNeedsTheKey() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        try cache.logCall(
            CallRecord(
                startedAt: Date(), assetID: "fox", provider: "gemini", model: "m", status: "ok", attempts: 2,
                duration: 1.5, costUSD: 0.1))
        #expect(try cache.statistics().calls == 1)
        #expect(abs(try cache.statistics().spentUSD - 0.1) < 1e-9)
    }
}

/// The judge's answers (migration 9): by image hash and question key, replaced in place, kept across opens.
@Suite struct JudgementStoreTests {
    @Test func storesAndFindsAnswersByImageAndKey() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let image = SHA256.hash("image")
        let (checks, alt) = (SHA256.hash("checks"), SHA256.hash("alt"))
        #expect(try cache.judgement(image: image, key: checks) == nil)
        try cache.storeJudgement(image: image, key: checks, answer: "{\"a\":1}")
        try cache.storeJudgement(image: image, key: alt, answer: "A fox")
        try cache.storeJudgement(image: image, key: checks, answer: "{\"a\":2}")
        let again = try #require(try CacheStore.open(projectRoot: folder.path))
        #expect(try again.judgement(image: image, key: checks) == "{\"a\":2}")
        #expect(try again.judgement(image: image, key: alt) == "A fox")
        #expect(try again.judgement(image: SHA256.hash("other"), key: checks) == nil)
    }
}
