import AssetSupport
import Foundation

/// What the real service checks in a well-formed body before drawing: references, model options, sizes.
enum StubValidation {
    struct Checked {
        var size: PixelSize
        var imageSize: String?
        var thinkingLevel: String?
        var promptTokens: Int
    }

    /// The parts of every turn (camelCase keys).
    static func parts(_ body: [String: Any]) -> [[String: Any]] {
        ((body["contents"] as? [[String: Any]]) ?? []).flatMap { ($0["parts"] as? [[String: Any]]) ?? [] }
    }

    static func prompt(_ body: [String: Any]) -> String? {
        let texts = parts(body).compactMap { $0["text"] as? String }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// Checks a body already checked against the schema. `file` finds a live File API file by id.
    static func check(_ body: [String: Any], model: StubModel, file: (String) -> StubFile?) -> Result<
        Checked, StubRefusal
    > {
        let all = parts(body)
        guard !all.isEmpty else {
            return .failure(StubRefusal(400, "* GenerateContentRequest.contents: contents is not specified"))
        }
        let images = all.filter { $0["inlineData"] != nil || $0["fileData"] != nil }
        for (index, part) in images.enumerated() {
            if let refusal = checkImage(part, position: index + 1, file: file) { return .failure(refusal) }
        }
        if images.count > model.maxReferences {
            return .failure(
                StubRefusal(
                    400, "Too many images: \(images.count); \(model.id) accepts at most \(model.maxReferences)."))
        }
        let generation = (body["generationConfig"] as? [String: Any]) ?? [:]
        if let count = (generation["candidateCount"] as? NSNumber)?.intValue
            ?? (generation["candidateCount"] as? String).flatMap({ Int($0) }), count > 1
        {
            return .failure(StubRefusal(400, "Multiple candidates is not enabled for this model"))
        }
        if !model.supportsImageSearch, wantsImageSearch(body) {
            return .failure(StubRefusal(400, "Image search is not supported for \(model.id)."))
        }
        let image = (generation["imageConfig"] as? [String: Any]) ?? [:]
        let ratio = image["aspectRatio"] as? String ?? "1:1"
        guard model.aspectRatios.contains(ratio) else {
            return .failure(StubRefusal(400, "Unsupported aspect ratio: \(ratio)."))
        }
        let size = image["imageSize"] as? String
        if let size {
            guard !model.imageSizes.isEmpty else {
                return .failure(StubRefusal(400, "image_size is not supported for this model."))
            }
            guard model.imageSizes.contains(size) else {
                return .failure(
                    StubRefusal(
                        400,
                        "Invalid image_size: \(size). Supported values: \(model.imageSizes.joined(separator: ", "))."))
            }
        }
        let effective = size ?? model.defaultImageSize
        guard let pixels = model.pixelSize(aspectRatio: ratio, imageSize: effective) else {
            return .failure(StubRefusal(400, "Unsupported configuration."))
        }
        let thinking = (generation["thinkingConfig"] as? [String: Any])?["thinkingLevel"] as? String
        if let thinking, !model.thinkingLevels.contains(thinking) {
            return .failure(StubRefusal(400, "Thinking level \(thinking) is not supported for \(model.id)."))
        }
        let promptTokens = (prompt(body)?.count ?? 0) / 4 + 258 * images.count + 4
        return .success(
            Checked(size: pixels, imageSize: effective, thinkingLevel: thinking, promptTokens: promptTokens))
    }

    /// An inline or File API reference: a supported type, and bytes that are an image.
    static func checkImage(_ part: [String: Any], position: Int, file: (String) -> StubFile?) -> StubRefusal? {
        let unreadable = StubRefusal(
            400,
            "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        )
        let reference = (part["inlineData"] ?? part["fileData"]) as? [String: Any] ?? [:]
        guard let mime = reference["mimeType"] as? String, ImageFormat(mimeType: mime) != nil else {
            return StubRefusal(
                400, "Unsupported MIME type: \(reference["mimeType"] as? String ?? "none") (part \(position))")
        }
        if part["inlineData"] != nil {
            guard let data = (reference["data"] as? String).flatMap({ Data(base64AnyAlphabet: $0) }),
                ImageFormat.sniff(data) != nil
            else { return unreadable }
            return nil
        }
        let uri = reference["fileUri"] as? String ?? ""
        guard let id = StubFileStore.fileID(fromURI: uri) else {
            return StubRefusal(400, "Invalid or unsupported file uri: \(uri)")
        }
        guard let stored = file(id) else {
            return StubRefusal(403, "You do not have permission to access the File files/\(id) or it may not exist.")
        }
        return ImageFormat.sniff(stored.data) == nil ? unreadable : nil
    }

    static func wantsImageSearch(_ body: [String: Any]) -> Bool {
        ((body["tools"] as? [[String: Any]]) ?? []).contains {
            (($0["googleSearch"] as? [String: Any])?["searchTypes"] as? [String: Any])?["imageSearch"] != nil
        }
    }
}
