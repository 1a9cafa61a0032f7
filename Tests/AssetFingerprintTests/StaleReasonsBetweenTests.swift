import AssetFingerprint
import AssetSupport
import Foundation
import Testing

/// `StaleReasons.between`: each kind of input change gives its own reason, and only that one.
@Suite struct StaleReasonsBetweenTests {
    let hashA = ContentHash(hex: String(repeating: "a", count: 64))!
    let hashB = ContentHash(hex: String(repeating: "b", count: 64))!

    func inputs(
        model: String = "gemini-3.1-flash-image", prompt: String = "A fox", instruction: String? = "Be kind.",
        config: [String: String] = ["seed": "7"], reference: ContentHash? = nil
    ) -> AssetInputs {
        AssetInputs(
            provider: "gemini", model: model, prompt: prompt, systemInstruction: instruction, config: config,
            references: [InputReference(kind: .file, name: "Art/a.png", sha256: reference ?? hashA)])
    }

    @Test func eachChangeNamesItself() {
        let old = inputs()
        #expect(StaleReasons.between(old: nil, new: old) == [.new])
        #expect(StaleReasons.between(old: old, new: old).isEmpty)
        #expect(StaleReasons.between(old: old, new: inputs(prompt: "A wolf")) == [.promptChanged])
        #expect(StaleReasons.between(old: old, new: inputs(instruction: "Be bold.")) == [.systemInstructionChanged])
        #expect(
            StaleReasons.between(old: old, new: inputs(model: "gemini-3-pro-image"))
                == [.modelChanged(from: "gemini-3.1-flash-image", to: "gemini-3-pro-image")])
        #expect(
            StaleReasons.between(old: old, new: inputs(config: ["seed": "8"]))
                == [.configChanged(key: "seed", from: "7", to: "8")])
        #expect(
            StaleReasons.between(old: old, new: inputs(config: [:])) == [.configRemoved(key: "seed", was: "7")])
        #expect(
            StaleReasons.between(old: old, new: inputs(reference: hashB)) == [.referenceChanged(.file("Art/a.png"))])
    }
}
