import AssetSupport
import Foundation

/// One drawn answer: the response object and what tests want to know about it.
struct StubGenerated {
    var response: [String: Any]
    var imageSize: String?
    var imageSHA256: String?
}

extension GeminiStub {
    /// Checks a schema-checked body for `model` and draws its answer; a synchronous call and each batch line both come here.
    func generate(_ body: [String: Any], model: StubModel, fault: StubFault?) -> Result<StubGenerated, StubRefusal> {
        let checked: StubValidation.Checked
        switch StubValidation.check(body, model: model, file: files.live) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): checked = value
        }
        if StubSignatures.signs(model), let refusal = StubSignatures.check(body) { return .failure(refusal) }
        if let fault, let response = Self.faultResponse(fault) {
            return .success(StubGenerated(response: response, imageSize: checked.imageSize))
        }
        let seed = SHA256.hash((try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data())
        let png =
            options.noisyImages
            ? StubResponses.noisyPNG(size: checked.size, seed: seed)
            : StubResponses.png(size: checked.size, seed: seed, label: StubSignatures.turnLabel(body))
        var format = options.answerFormats[model.id] ?? .png
        if case .answerFormat(let scripted)? = fault { format = scripted }
        var image: Data
        do { image = try format.encode(png) } catch {
            return .failure(StubRefusal(500, "An internal error has occurred. (stub: \(error))"))
        }
        var mime = format.label
        if fault == .jpeg {
            image = Data(
                [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9])
            mime = "image/jpeg"
        }
        if fault == .nonImageBytes { image = Data("this is not an image".utf8) }
        let thinking = model.alwaysThinks || checked.thinkingLevel == "HIGH"
        var response = StubResponses.success(
            model: model, imageSize: checked.imageSize, image: image, mime: mime, thinking: thinking,
            promptTokens: checked.promptTokens, seed: seed)
        if StubSignatures.signs(model) { response = StubResponses.signingParts(response) }
        if fault == .badBase64 {
            response = StubResponses.replacingFinalImageData(in: response, with: "!!not*base64!!")
        }
        let imageSHA256 = SHA256.hash(image).hex
        rememberDrawing(imageSHA256: imageSHA256, prompt: StubValidation.prompt(body))
        return .success(StubGenerated(response: response, imageSize: checked.imageSize, imageSHA256: imageSHA256))
    }
}
