import AssetSupport
import CVipsShim
import Foundation

/// The codec on every platform: libvips, loaded with dlopen on first use so that commands that touch no
/// pixels start as fast as before and run where libvips is missing. The shim looks in
/// `GENERATE_ASSETS_LIBVIPS` first, then where Debian, Homebrew and MacPorts put it.
package struct VipsCodec: ImageCodec {
    package init() {}

    /// The loaded libvips' version ("8.14.1"); nil when it is missing. Encoders differ between versions,
    /// so byte-for-byte comparisons hold only against files the same version wrote.
    package static var libraryVersion: String? { ga_vips_version().map { String(cString: $0) } }

    package func decode(_ data: Data) throws -> RasterImage {
        guard ImageFormat.sniff(data) != nil else {
            throw ImagingError("the bytes are not an image (PNG, JPEG, WebP, HEIC)")
        }
        let loaded = try data.withUnsafeBytes { raw in
            try Self.check(ga_vips_load(raw.baseAddress, raw.count), "decode")
        }
        defer { ga_vips_unref(loaded) }
        let image = try Self.check(ga_vips_srgb8(loaded), "convert to sRGB")
        defer { ga_vips_unref(image) }
        return try Self.raster(image)
    }

    package func encode(_ image: RasterImage, as format: ImageFormat, quality: Int?) throws -> Data {
        var handle = try Self.handle(image)
        defer { ga_vips_unref(handle) }
        let suffix: String
        switch format {
        case .png: suffix = ".png[strip,compression=6]"
        case .jpeg:
            if image.hasAlpha {
                let flat = try Self.check(ga_vips_flatten(handle, 255, 255, 255), "flatten alpha")
                ga_vips_unref(handle)
                handle = flat
            }
            suffix = ".jpg[Q=\(quality ?? 92),strip,optimize_coding]"
        case .webp: suffix = quality.map { ".webp[Q=\($0),strip]" } ?? ".webp[lossless,strip]"
        case .heic, .heif:
            throw ImagingError(
                "writing \(format.rawValue.uppercased()) is not supported",
                fix: "name the output .png, .jpg or .webp")
        }
        var bytes: UnsafeMutableRawPointer?
        var length = 0
        guard ga_vips_save(handle, suffix, &bytes, &length) == 0, let bytes else {
            throw ImagingError("cannot encode \(format.rawValue.uppercased()): \(String(cString: ga_vips_error()))")
        }
        defer { ga_vips_free(bytes) }
        return Data(bytes: bytes, count: length)
    }

    package func resize(_ image: RasterImage, to size: PixelSize, fit: ResizeFit) throws -> RasterImage {
        guard size.width > 0, size.height > 0 else { throw ImagingError("cannot resize to \(size)") }
        if image.size == size { return image }
        let source = try Self.handle(image)
        defer { ga_vips_unref(source) }
        let sx = Double(size.width) / Double(image.width)
        let sy = Double(size.height) / Double(image.height)
        let (h, v): (Double, Double)
        switch fit {
        case .fill: (h, v) = (sx, sy)
        case .contain: (h, v) = (min(sx, sy), min(sx, sy))
        case .cover: (h, v) = (max(sx, sy), max(sx, sy))
        }
        let scaled = try Self.check(ga_vips_resize(source, h, v), "resize")
        defer { ga_vips_unref(scaled) }
        let (w, hgt) = (Int(ga_vips_width(scaled)), Int(ga_vips_height(scaled)))
        guard fit == .cover, w != size.width || hgt != size.height else { return try Self.raster(scaled) }
        let cropped = try Self.check(
            ga_vips_crop(
                scaled, Int32((w - size.width) / 2), Int32((hgt - size.height) / 2),
                Int32(min(size.width, w)), Int32(min(size.height, hgt))), "crop")
        defer { ga_vips_unref(cropped) }
        return try Self.raster(cropped)
    }

    static func check(_ image: OpaquePointer?, _ what: String) throws -> OpaquePointer {
        guard let image else {
            let reason = String(cString: ga_vips_error())
            let missing = reason.contains("not installed") || reason.contains("lacks")
            throw ImagingError(
                "cannot \(what) the image: \(reason)",
                fix: missing ? installFix : nil)
        }
        return image
    }

    /// How to get libvips on this platform, or point the tool at a copy it did not find.
    static var installFix: String {
        #if os(Linux)
            let line = "sudo apt-get install libvips-dev"
        #else
            let line = "brew install vips (or: sudo port install vips)"
        #endif
        return "install libvips: \(line), as Scripts/install-system-packages.sh does, "
            + "or set GENERATE_ASSETS_LIBVIPS to the library's path"
    }

    static func handle(_ image: RasterImage) throws -> OpaquePointer {
        try check(
            image.pixels.withUnsafeBufferPointer {
                ga_vips_from_pixels($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels))
            }, "wrap pixels of")
    }

    static func raster(_ image: OpaquePointer) throws -> RasterImage {
        let (width, height, bands) = (
            Int(ga_vips_width(image)), Int(ga_vips_height(image)), Int(ga_vips_bands(image))
        )
        var length = 0
        guard let memory = ga_vips_pixels(image, &length) else {
            throw ImagingError("cannot read the pixels of the image: \(String(cString: ga_vips_error()))")
        }
        defer { ga_vips_free(memory) }
        let pixels = [UInt8](UnsafeRawBufferPointer(start: memory, count: length))
        guard bands == 3 || bands == 4, pixels.count == width * height * bands else {
            throw ImagingError("unexpected pixel layout: \(width)×\(height), \(bands) bands, \(length) bytes")
        }
        return RasterImage(width: width, height: height, channels: bands, pixels: pixels)
    }
}
