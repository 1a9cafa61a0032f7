#if canImport(ImageIO) && canImport(CoreGraphics)
    import AssetSupport
    import CoreGraphics
    import Foundation
    import ImageIO
    import UniformTypeIdentifiers

    /// The codec on Apple platforms: ImageIO decodes and encodes, CoreGraphics resamples. No dependency.
    /// Not built on this project's Linux CI; the Linux codec (`VipsCodec`) is the tested one.
    package struct CoreGraphicsCodec: ImageCodec {
        package init() {}

        package func decode(_ data: Data) throws -> RasterImage {
            guard let source = CGImageSourceCreateWithData(data as CFData, nil),
                let image = CGImageSourceCreateImageAtIndex(source, 0, nil)
            else {
                throw ImagingError("the bytes are not an image ImageIO can read")
            }
            let alpha = ![.none, .noneSkipFirst, .noneSkipLast].contains(image.alphaInfo)
            return try draw(image, size: PixelSize(width: image.width, height: image.height), channels: alpha ? 4 : 3)
        }

        package func encode(_ image: RasterImage, as format: ImageFormat, quality: Int?) throws -> Data {
            let type: UTType
            switch format {
            case .png: type = .png
            case .jpeg: type = .jpeg
            case .webp: type = .webP
            case .heic, .heif: type = .heic
            }
            let output = NSMutableData()
            guard let destination = CGImageDestinationCreateWithData(output, type.identifier as CFString, 1, nil) else {
                throw ImagingError(
                    "this system cannot write \(format.rawValue.uppercased())", fix: "name the output .png or .jpg")
            }
            let options = quality.map { [kCGImageDestinationLossyCompressionQuality: Double($0) / 100] as CFDictionary }
            CGImageDestinationAddImage(destination, try cgImage(image), options)
            guard CGImageDestinationFinalize(destination) else {
                throw ImagingError("cannot encode \(format.rawValue.uppercased())")
            }
            return output as Data
        }

        package func resize(_ image: RasterImage, to size: PixelSize, fit: ResizeFit) throws -> RasterImage {
            let sx = Double(size.width) / Double(image.width)
            let sy = Double(size.height) / Double(image.height)
            let scale = fit == .contain ? min(sx, sy) : max(sx, sy)
            let target =
                fit == .fill
                ? size
                : PixelSize(
                    width: Int((Double(image.width) * scale).rounded()),
                    height: Int((Double(image.height) * scale).rounded()))
            var result = try draw(try cgImage(image), size: target, channels: image.channels)
            if fit == .cover, target != size {
                let (left, top) = ((target.width - size.width) / 2, (target.height - size.height) / 2)
                var pixels: [UInt8] = []
                pixels.reserveCapacity(size.width * size.height * image.channels)
                for y in top..<top + size.height {
                    let start = (y * target.width + left) * image.channels
                    pixels += result.pixels[start..<start + size.width * image.channels]
                }
                result = RasterImage(width: size.width, height: size.height, channels: image.channels, pixels: pixels)
            }
            return result
        }

        func cgImage(_ image: RasterImage) throws -> CGImage {
            let info: CGImageAlphaInfo = image.hasAlpha ? .last : .none
            guard let provider = CGDataProvider(data: Data(image.pixels) as CFData),
                let result = CGImage(
                    width: image.width, height: image.height, bitsPerComponent: 8, bitsPerPixel: 8 * image.channels,
                    bytesPerRow: image.width * image.channels, space: CGColorSpace(name: CGColorSpace.sRGB)!,
                    bitmapInfo: CGBitmapInfo(rawValue: info.rawValue), provider: provider, decode: nil,
                    shouldInterpolate: true, intent: .defaultIntent)
            else { throw ImagingError("cannot wrap the pixels") }
            return result
        }

        /// Draws into an RGBA context (CoreGraphics has no packed RGB), then drops alpha when not wanted.
        func draw(_ image: CGImage, size: PixelSize, channels: Int) throws -> RasterImage {
            var rgba = [UInt8](repeating: 0, count: size.width * size.height * 4)
            let drawn = rgba.withUnsafeMutableBytes { buffer -> Bool in
                guard
                    let context = CGContext(
                        data: buffer.baseAddress, width: size.width, height: size.height, bitsPerComponent: 8,
                        bytesPerRow: size.width * 4, space: CGColorSpace(name: CGColorSpace.sRGB)!,
                        bitmapInfo: CGImageAlphaInfo.premultipliedLast.rawValue)
                else { return false }
                context.interpolationQuality = .high
                context.draw(image, in: CGRect(x: 0, y: 0, width: size.width, height: size.height))
                return true
            }
            guard drawn else { throw ImagingError("cannot draw the image") }
            if channels == 4 {
                for i in stride(from: 0, to: rgba.count, by: 4) where rgba[i + 3] > 0 && rgba[i + 3] < 255 {
                    for c in 0..<3 { rgba[i + c] = UInt8(min(255, Int(rgba[i + c]) * 255 / Int(rgba[i + 3]))) }
                }
                return RasterImage(width: size.width, height: size.height, channels: 4, pixels: rgba)
            }
            var rgb = [UInt8](repeating: 0, count: size.width * size.height * 3)
            for p in 0..<size.width * size.height { for c in 0..<3 { rgb[p * 3 + c] = rgba[p * 4 + c] } }
            return RasterImage(width: size.width, height: size.height, channels: 3, pixels: rgb)
        }
    }
#endif
