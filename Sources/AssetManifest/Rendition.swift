import AssetSupport

/// How a rendition with both a width and a height fills that box.
package enum RenditionFit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exactly the box; the aspect ratio may change.
    case fill
    /// The whole image inside the box, aspect kept; one side may come out shorter.
    case contain
    /// The box covered, aspect kept, the overflow cropped from the centre (the default).
    case cover
}

/// An sRGB colour written `#RRGGBB` (or `#RGB`), the key colour of `remove_background`.
package struct RGBColor: Sendable, Hashable {
    package var red: UInt8
    package var green: UInt8
    package var blue: UInt8

    package init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#00FF00`, `00ff00` or `#0F0`; nil for anything else.
    package init?(hex text: String) {
        var digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else {
            return nil
        }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// Lower-case `#rrggbb`: the canonical form in recipes.
    package var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// A file derived from an asset's generated image: resized, converted, keyed. A pure function of the
/// image's bytes and these parameters, so it is cached and never needs the provider.
package struct RenditionSpec: Sendable, Hashable {
    /// Project-relative, normalized; its extension names the format (png, jpg/jpeg, webp).
    package var output: String
    package var width: Int?
    package var height: Int?
    /// Used when both width and height are set.
    package var fit: RenditionFit
    /// The flat background colour to turn transparent.
    package var removeBackground: RGBColor?
    /// How far (0–1, as a fraction of the largest RGB distance) a colour may be from the key and still vanish.
    package var tolerance: Double
    package var location: SourceLocation

    package static let defaultTolerance = 0.1

    package init(
        output: String, width: Int? = nil, height: Int? = nil, fit: RenditionFit = .cover,
        removeBackground: RGBColor? = nil,
        tolerance: Double = RenditionSpec.defaultTolerance, location: SourceLocation
    ) {
        self.output = output
        self.width = width
        self.height = height
        self.fit = fit
        self.removeBackground = removeBackground
        self.tolerance = tolerance
        self.location = location
    }

    package var format: ImageFormat { ImageFormat(fileExtension: ProjectPath.fileExtension(output)) ?? .png }

    /// True when it only re-encodes the image: no resize, no keying.
    package var isConversion: Bool { width == nil && height == nil && removeBackground == nil }

    /// Every parameter, canonically: `rendition:1 format=png width=64 height=64 fit=cover key=#00ff00 tolerance=0.15`.
    /// The output path is not in it, so moving a rendition does not make its image again.
    package var recipe: String {
        var parts = ["rendition:1", "format=\(format.rawValue)"]
        if let width { parts.append("width=\(width)") }
        if let height { parts.append("height=\(height)") }
        if width != nil, height != nil { parts.append("fit=\(fit.rawValue)") }
        if let removeBackground {
            parts.append("key=\(removeBackground.hex)")
            parts.append("tolerance=\(tolerance)")
        }
        return parts.joined(separator: " ")
    }

    /// The pixel size made from a source of `source` pixels: both sides given (`contain` may shorten one),
    /// or one side with the other in proportion, or the source's own size.
    package func pixelSize(from source: PixelSize) -> PixelSize {
        let proportional = { (side: Int, of: Int, other: Int) in
            max(1, Int((Double(side) * Double(other) / Double(max(of, 1))).rounded()))
        }
        switch (width, height) {
        case (let width?, let height?):
            guard fit == .contain else { return PixelSize(width: width, height: height) }
            let scale = min(Double(width) / Double(source.width), Double(height) / Double(source.height))
            return PixelSize(
                width: max(1, Int((Double(source.width) * scale).rounded())),
                height: max(1, Int((Double(source.height) * scale).rounded())))
        case (let width?, nil): return PixelSize(width: width, height: proportional(width, source.width, source.height))
        case (nil, let height?):
            return PixelSize(width: proportional(height, source.height, source.width), height: height)
        case (nil, nil): return source
        }
    }
}
