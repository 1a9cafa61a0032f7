import AssetSupport
import Foundation

/// Decoded 8-bit pixels, interleaved: 3 channels (RGB) or 4 (RGBA).
package struct RasterImage: Sendable, Hashable {
    package var width: Int
    package var height: Int
    package var channels: Int
    package var pixels: [UInt8]

    package init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(
            pixels.count == width * height * channels, "pixel buffer does not match \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    package var size: PixelSize { PixelSize(width: width, height: height) }
    package var hasAlpha: Bool { channels == 4 }

    /// The channel values of one pixel.
    package func pixel(x: Int, y: Int) -> ArraySlice<UInt8> {
        let start = (y * width + x) * channels
        return pixels[start..<start + channels]
    }
}

/// How a resize fills the target box.
package enum ResizeFit: String, Sendable, Codable, CaseIterable {
    /// Exactly the box; the aspect ratio may change.
    case fill
    /// The whole image inside the box, aspect kept; one side may be shorter.
    case contain
    /// The box covered, aspect kept, the overflow cropped from the centre.
    case cover
}

/// An image operation failed: the bytes are not an image the codec reads, or the library is missing.
package struct ImagingError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var fix: String?

    package init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    package var description: String { fix.map { "\(message) (fix: \($0))" } ?? message }
}

/// The one seam for decoding, encoding and resampling images: libvips on every platform, so a Mac runs
/// the code the Linux tests run. Encoders are deterministic: the same pixels give the same bytes.
package protocol ImageCodec: Sendable {
    /// Decodes any supported format to 8-bit sRGB pixels (alpha kept when present).
    func decode(_ data: Data) throws -> RasterImage
    /// Encodes pixels. PNG and lossless WebP keep every pixel; `quality` (1-100) applies to JPEG and lossy WebP.
    func encode(_ image: RasterImage, as format: ImageFormat, quality: Int?) throws -> Data
    /// Resamples with a high-quality (Lanczos) filter to exactly `size`, or into it as `fit` says.
    func resize(_ image: RasterImage, to size: PixelSize, fit: ResizeFit) throws -> RasterImage
}

extension ImageCodec {
    /// Re-encodes `data` as `format`. The same format gives the bytes back unchanged; a lossless target
    /// keeps the decoded pixels exactly. An image with alpha going to JPEG is flattened on white.
    package func convert(_ data: Data, to format: ImageFormat, quality: Int? = nil) throws -> Data {
        if ImageFormat.sniff(data) == format { return data }
        return try encode(decode(data), as: format, quality: quality)
    }
}

/// The codec: libvips, on every platform.
package enum ImageCodecs {
    package static let platform: any ImageCodec = VipsCodec()
}
