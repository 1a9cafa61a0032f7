import AssetFingerprint
import AssetSupport
import Testing

@Suite struct FingerprintTests {
    let hashA = ContentHash(hex: String(repeating: "a", count: 64))!
    let hashB = ContentHash(hex: String(repeating: "b", count: 64))!

    func inputs(
        prompt: String = "A fox", config: [String: String] = ["aspect_ratio": "16:9", "seed": "7"],
        references: [InputReference]? = nil
    ) -> AssetInputs {
        AssetInputs(
            provider: "gemini", model: "gemini-3.1-flash-image", prompt: prompt, systemInstruction: "Be kind.",
            config: config,
            references: references ?? [InputReference(kind: .file, name: "Art/a.png", sha256: hashA)])
    }

    @Test func canonicalEncodingIsExactlyTheDocumentedRecipe() {
        #expect(
            Fingerprint.canonicalEncoding(of: inputs()) == """
                schema 1:1
                provider 6:gemini
                model 22:gemini-3.1-flash-image
                prompt 5:A fox
                system_instruction 8:Be kind.
                config.aspect_ratio 4:16:9
                config.seed 1:7
                reference.0 64:\(hashA.hex)

                """)
        // Pinned: a change here re-generates every user's images; bump Fingerprint.schemaVersion instead.
        #expect(Fingerprint.of(inputs()).hex == SHA256.hash(Fingerprint.canonicalEncoding(of: inputs())).hex)
    }

    @Test func lengthPrefixesPreventAmbiguity() {
        let one = inputs(prompt: "a\nconfig.seed 1:7")
        let two = inputs(prompt: "a", config: ["aspect_ratio": "16:9", "seed": "7"])
        #expect(Fingerprint.of(one) != Fingerprint.of(two))
    }

    @Test func referenceNamesAreNotHashedButContentIs() {
        let renamed = inputs(references: [InputReference(kind: .file, name: "Elsewhere/b.png", sha256: hashA)])
        #expect(Fingerprint.of(renamed) == Fingerprint.of(inputs()))
        let changed = inputs(references: [InputReference(kind: .file, name: "Art/a.png", sha256: hashB)])
        #expect(Fingerprint.of(changed) != Fingerprint.of(inputs()))
    }

    @Test func reasonsNameEachChange() {
        let old = inputs()
        var new = inputs(
            prompt: "A red fox", config: ["aspect_ratio": "1:1", "temperature": "0.4"],
            references: [
                InputReference(kind: .file, name: "Art/a.png", sha256: hashB),
                InputReference(kind: .asset, name: "logo", sha256: hashA),
            ])
        new.model = "gemini-3-pro-image"
        new.systemInstruction = nil
        let reasons = StaleReasons.between(old: old, new: new)
        #expect(
            reasons == [
                .modelChanged(from: "gemini-3.1-flash-image", to: "gemini-3-pro-image"),
                .promptChanged,
                .systemInstructionChanged,
                .configChanged(key: "aspect_ratio", from: "16:9", to: "1:1"),
                .configRemoved(key: "seed", was: "7"),
                .configAdded(key: "temperature", value: "0.4"),
                .referenceChanged(.file("Art/a.png")),
                .referenceAdded(.upstream("logo")),
            ])
        // What status, --json and the notes show: the same sentences as ever.
        #expect(
            reasons.map(\.description) == [
                "model changed (gemini-3.1-flash-image → gemini-3-pro-image)",
                "prompt changed",
                "system instruction changed",
                "config 'aspect_ratio' changed (16:9 → 1:1)",
                "config 'seed' removed (was 7)",
                "config 'temperature' added (0.4)",
                "reference 'Art/a.png' changed",
                "upstream asset 'logo' added",
            ])
        #expect(StaleReasons.between(old: nil, new: new) == [.new])
        let upstream = inputs(references: [InputReference(kind: .asset, name: "logo", sha256: hashA)])
        let upstreamChanged = inputs(references: [InputReference(kind: .asset, name: "logo", sha256: hashB)])
        #expect(StaleReasons.between(old: upstream, new: upstreamChanged) == [.referenceChanged(.upstream("logo"))])
    }
}
