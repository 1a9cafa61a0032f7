import AssetImaging
import AssetSupport
import Foundation

/// The image format of an answer, and the MIME type it is labelled with. The real `gemini-3-pro-image`
/// answers JPEG some of the time, and sometimes labels JPEG bytes `image/png`.
package enum AnswerFormat: String, Sendable, CaseIterable {
    case png
    case jpeg
    /// JPEG bytes labelled `image/png` (googleapis/python-genai#1824).
    case jpegAsPNG = "jpeg-as-png"
    case webp

    /// The format of the bytes.
    package var imageFormat: ImageFormat {
        switch self {
        case .png: .png
        case .jpeg, .jpegAsPNG: .jpeg
        case .webp: .webp
        }
    }

    /// The `mimeType` the answer claims.
    package var label: String { self == .jpegAsPNG ? "image/png" : imageFormat.mimeType }

    /// A drawn PNG in this format: real, decodable bytes at the same pixel size.
    func encode(_ png: Data) throws -> Data {
        self == .png ? png : try ImageCodecs.platform.convert(png, to: imageFormat, quality: 90)
    }
}
