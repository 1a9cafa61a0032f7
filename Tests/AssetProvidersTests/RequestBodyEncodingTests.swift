import AssetManifest
import AssetProviders
import AssetSupport
import Foundation
import Testing

/// A body with inline images is serialized with the images spliced in as bytes: exactly what
/// JSONSerialization writes for the same body, whatever the images, the prompt and their number.
@Suite struct RequestBodyEncodingTests {
    func image(_ bytes: Int, seed: UInt8) -> ReferenceImage {
        var data = Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) })
        data.replaceSubrange(0..<8, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        return ReferenceImage(name: "r\(seed).png", data: data, format: .png)
    }

    @Test func inlineImagesSplicedInGiveJSONSerializationsBytes() throws {
        var config = GenerationConfig()
        config.aspectRatio = "16:9"
        config.systemInstruction = "draw \"flat\" shapes / no text"
        // Fourteen references, two under the splicing threshold: twelve markers, so an index has two digits.
        let references = (0..<14).map { image($0 < 2 ? 300 : 4000 + $0 * 997, seed: UInt8($0)) }
        let body = GeminiRequestBody.make(
            prompt: "a fox \"quoted\", a path a/b, ga-inline-0 and a tab\t", config: config, references: references,
            model: nil)
        let spliced = try GeminiRequestBody.encode(body)
        let plain = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(spliced == plain, "\(spliced.count) bytes against \(plain.count)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: spliced) as? [String: Any])
        let parts = ((parsed["contents"] as? [[String: Any]])?.first?["parts"] as? [[String: Any]]) ?? []
        let sent = parts.compactMap { ($0["inlineData"] as? [String: Any])?["data"] as? String }
        #expect(sent == references.map { $0.data.base64EncodedString() }, "each image in its place")
    }
}
