import AssetFingerprint
import Foundation
import Testing

@Suite struct StaleReasonTests {
    @Test func encodesAsTheSentenceAndReadsBackEqual() throws {
        let reasons: [StaleReason] = [
            .promptChanged, .configChanged(key: "seed", from: "1", to: "2"), .file("Icons/a@2x.png", .missing),
            .waitsForUpstream(["logo", "bg"]), .inBatchJob(name: "batches/7", state: "running"),
        ]
        let json = try JSONEncoder().encode(reasons)
        #expect(
            String(decoding: json, as: UTF8.self)
                == #"["prompt changed","config 'seed' changed (1 → 2)","Icons\/a@2x.png: missing","waits for upstream asset 'logo', 'bg'","in batch job batches\/7 (running)"]"#
        )
        let decoded = try JSONDecoder().decode([StaleReason].self, from: json)
        #expect(decoded == reasons, "a reason read back from a stored report equals the value it was written from")
        #expect(Set(decoded + reasons).count == reasons.count)
        #expect(StaleReason.recorded("prompt changed") != .systemInstructionChanged)
    }
}
