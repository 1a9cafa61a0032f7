import AssetCache
import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

/// Variants in the cache: numbered answers per fingerprint, one of them chosen, kept by `gc` and repaired by `verify`.
@Suite struct VariantStoreTests {
    func images(_ count: Int) -> [Data] { (1...count).map { TestImages.png(width: 4, height: 4, seed: UInt8($0)) } }

    @Test func answersAreNumberedAndOneIsChosen() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let fingerprint = SHA256.hash("fp")
        let pictures = images(3)
        #expect(try cache.storeVariant(sampleResult(image: pictures[0]), image: pictures[0], choose: false) == 1)
        #expect(try cache.storeVariant(sampleResult(image: pictures[1]), image: pictures[1], choose: false) == 2)
        #expect(
            try cache.storeVariant(sampleResult(image: pictures[2]), image: pictures[2], atLeast: 7, choose: false)
                == 7, "numbers go on from a lock file's")
        #expect(try cache.variants(of: fingerprint).map(\.number) == [1, 2, 7])
        #expect(try cache.lastVariant(of: fingerprint) == 7)
        #expect(try cache.chosenVariant(of: fingerprint)?.number == 1, "the first answer is chosen when none was")
        #expect(try cache.cachedImage(for: fingerprint, as: .png)?.answer == SHA256.hash(pictures[0]))
        #expect(
            try cache.cachedImage(for: fingerprint, as: .png, preferring: SHA256.hash(pictures[1]))?.answer
                == SHA256.hash(pictures[1]))
        #expect(
            try cache.cachedImage(for: fingerprint, as: .png, preferring: SHA256.hash("not a variant"))?.answer
                == SHA256.hash(pictures[0]))
        #expect(try cache.choose(fingerprint, variant: 2)?.number == 2)
        #expect(try cache.chosenVariant(of: fingerprint)?.number == 2)
        #expect(try cache.result(for: fingerprint)?.blobSHA256 == SHA256.hash(pictures[1]))
        #expect(try cache.choose(fingerprint, variant: 4) == nil)
        try cache.store(sampleResult(image: pictures[0]), image: pictures[0])
        #expect(
            try cache.chosenVariant(of: fingerprint)?.number == 8,
            "store adds a variant and chooses it, even with bytes seen before")
    }

    @Test func garbageCollectionKeepsTheVariantsOfKeptFingerprintsAndVerifyDropsBrokenOnes() throws {
        let folder = TemporaryDirectory()
        let cache = try #require(try CacheStore.open(projectRoot: folder.path))
        let pictures = images(4)
        for picture in pictures.prefix(2) {
            try cache.storeVariant(sampleResult(image: picture), image: picture, choose: false)
        }
        for picture in pictures.suffix(2) {
            try cache.storeVariant(
                sampleResult(image: picture, fingerprint: SHA256.hash("old")), image: picture, choose: false)
        }
        let collected = try cache.collectGarbage(
            keep: [], keepFingerprints: [SHA256.hash("fp")], cutoff: Date().addingTimeInterval(3600), dryRun: false)
        #expect(Set(collected.blobs) == Set(pictures.suffix(2).map(SHA256.hash)))
        #expect(try cache.variants(of: SHA256.hash("fp")).count == 2)
        #expect(try cache.variants(of: SHA256.hash("old")).isEmpty)

        try cache.database.query(
            "UPDATE blobs SET data = ? WHERE sha256 = ?",
            [.blob(Data("broken".utf8)), .text(SHA256.hash(pictures[1]).hex)])
        let report = try cache.verify(repair: true)
        #expect(report.damagedBlobs == [SHA256.hash(pictures[1])])
        #expect(try cache.variants(of: SHA256.hash("fp")).map(\.number) == [1])
        #expect(try cache.verify().isHealthy)
    }
}
