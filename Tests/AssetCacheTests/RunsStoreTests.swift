import AssetCache
import AssetSupport
import Foundation
import TestSupport
import Testing

/// The recent runs `report` compares against: the newest are kept, and a new process reads the newest back.
@Suite struct RunsStoreTests {
    @Test func theNewestRunsAreKeptAndReadBackByANewStore() throws {
        let folder = TemporaryDirectory("runs")
        let path = folder.url("cache.sqlite")
        do {
            let cache = try CacheStore(path: path)
            for index in 1...3 {
                try cache.recordRun(report: Data("{\"run\":\(index)}".utf8), baseline: "commit-\(index)", keep: 2)
            }
        }
        let reopened = try CacheStore(path: path)
        let last = try #require(try reopened.lastRun())
        #expect(String(decoding: last.report, as: UTF8.self) == "{\"run\":3}", "the newest run, not an old one")
        #expect(last.baseline == "commit-3")
        try reopened.recordRun(report: Data("{\"run\":4}".utf8), baseline: nil, keep: 2)
        #expect(String(decoding: try #require(try reopened.lastRun()).report, as: UTF8.self) == "{\"run\":4}")
    }
}
