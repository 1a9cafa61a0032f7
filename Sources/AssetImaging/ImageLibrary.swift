#if !(canImport(ImageIO) && canImport(CoreGraphics))
    import CVipsShim
#endif

/// Whether the platform's image library can be used here, for `doctor`.
package enum ImageLibrary {
    /// The library behind `ImageCodecs.platform`.
    package static var name: String {
        #if canImport(ImageIO) && canImport(CoreGraphics)
            "ImageIO"
        #else
            "libvips"
        #endif
    }

    /// Why the image library cannot be used (not installed, too old, `GENERATE_ASSETS_LIBVIPS` naming a file that
    /// is not libvips), or nil when it loads. ImageIO is part of the system.
    package static func loadProblem() -> String? {
        #if canImport(ImageIO) && canImport(CoreGraphics)
            return nil
        #else
            return ga_vips_open() == 0 ? nil : String(cString: ga_vips_error())
        #endif
    }
}
