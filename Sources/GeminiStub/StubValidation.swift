import AssetManifest
import AssetSupport
import Foundation

/// What the real service checks before drawing.
enum StubValidation {
    struct Checked {
        var size: PixelSize
        var imageSize: String?
        var thinkingLevel: String?
        var promptTokens: Int
    }

    enum Outcome {
        case success(Checked)
        case failure(String)
    }

    static func camelCased(_ value: Any) -> Any { JSONKeys.camelCased(value) }

    static func parts(_ body: [String: Any]) -> [[String: Any]] {
        ((body["contents"] as? [[String: Any]]) ?? []).flatMap { ($0["parts"] as? [[String: Any]]) ?? [] }
    }

    static func prompt(_ body: [String: Any]) -> String? {
        let texts = parts(body).compactMap { $0["text"] as? String }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    static func check(_ body: [String: Any], model: ImageModel) -> Outcome {
        let all = parts(body)
        guard !all.isEmpty else { return .failure("* GenerateContentRequest.contents: contents is not specified") }
        let images = all.filter { $0["inlineData"] != nil || $0["fileData"] != nil }
        for (index, part) in images.enumerated() {
            guard let inline = part["inlineData"] as? [String: Any] else { continue }
            guard let mime = inline["mimeType"] as? String, ImageFormat(mimeType: mime) != nil else {
                return .failure("Unsupported MIME type: \(inline["mimeType"] as? String ?? "none") (part \(index + 1))")
            }
            guard let data = (inline["data"] as? String).flatMap({ Data(base64AnyAlphabet: $0) }), ImageFormat.sniff(data) != nil else {
                return .failure("Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting")
            }
        }
        if images.count > model.maxReferences {
            return .failure("Too many images: \(images.count); \(model.id) accepts at most \(model.maxReferences).")
        }
        let generation = (body["generationConfig"] as? [String: Any]) ?? [:]
        let image = (generation["imageConfig"] as? [String: Any]) ?? [:]
        let ratio = image["aspectRatio"] as? String ?? "1:1"
        guard model.aspectRatios.contains(ratio) else { return .failure("Unsupported aspect ratio: \(ratio).") }
        let size = image["imageSize"] as? String
        if let size {
            guard !model.imageSizes.isEmpty else { return .failure("image_size is not supported for this model.") }
            guard model.imageSizes.contains(size) else { return .failure("Invalid image_size: \(size). Supported values: \(model.imageSizes.joined(separator: ", ")).") }
        }
        let effective = size ?? model.defaultImageSize
        guard let pixels = model.pixelSize(aspectRatio: ratio, imageSize: effective) else { return .failure("Unsupported configuration.") }
        let thinking = (generation["thinkingConfig"] as? [String: Any])?["thinkingLevel"] as? String
        if let thinking, !model.thinkingLevels.map({ $0.uppercased() }).contains(thinking) {
            return .failure("Thinking level \(thinking) is not supported for \(model.id).")
        }
        let promptTokens = (prompt(body)?.count ?? 0) / 4 + 258 * images.count + 4
        return .success(Checked(size: pixels, imageSize: effective, thinkingLevel: thinking, promptTokens: promptTokens))
    }
}

/// JSON key spelling helpers.
public enum JSONKeys {
    /// `image_size` → `imageSize`, recursively through objects and arrays; values are untouched.
    public static func camelCased(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, inner) in dictionary { result[camelCase(key)] = camelCased(inner) }
            return result
        }
        if let array = value as? [Any] { return array.map(camelCased) }
        return value
    }

    public static func camelCase(_ key: String) -> String {
        key.split(separator: "_").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }
}
