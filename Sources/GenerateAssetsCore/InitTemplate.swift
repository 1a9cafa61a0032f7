import AssetCache
import AssetSupport
import Foundation

/// `init`: a commented starting manifest that validates as written.
package enum InitTemplate {
    package static let manifest = """
        # assets.yml: the images this project generates (the generate-assets README documents every key).
        # Run 'generate-assets status' to see what is stale and why, 'generate-assets' to bring it up to date.
        version: 1

        # Offline stand-in images until you set GEMINI_API_KEY; delete this line to use Gemini.
        provider: placeholder

        # Any config key; an asset's own 'config:' overrides these.
        defaults:
          model: gemini-nano-banana-2.1   # or gemini-3.1-flash-lite-image, gemini-3-pro-image
          aspect_ratio: "1:1"            # quote ratios
          image_size: 1K                 # 1K, 2K, 4K (upper-case K)

        # Reusable prompt fragments, appended to an asset's prompt after a blank line.
        styles:
          flat: "Flat vector illustration, bold shapes, limited palette, no text."

        assets:
          - id: logo                     # unique; lower-case letters, digits, '-' and '_'
            output: Images/logo.png      # relative to this file; must stay inside the project
            prompt: "A friendly paper-plane logo mark on a plain background."
            style: flat
            # renditions:                # copies made from the image, cached, never a provider call
            #   - {output: Web/logo-256.webp, width: 256}
            # For Xcode, an asset-catalog set instead of a file:
            #   output: App/Assets.xcassets/Logo.imageset
            #   scales: [1, 2, 3]
            #   point_size: [64, 64]

          - id: hero
            output: Images/hero.png
            prompt: "A wide banner: the paper plane flying over a city at dawn."
            style: flat
            references:
              - asset: logo              # another asset's output; it is generated first
            config:
              aspect_ratio: "16:9"
              image_size: 2K

        """

    /// Writes the template; refuses to overwrite an existing manifest.
    /// - Returns: the path written.
    package static func write(into directory: String) throws -> String {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("assets.yml").path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw UserFacingError(
                "\(path) already exists", fix: "edit it, or choose another folder: generate-assets init DIR")
        }
        try AtomicFileWriter.write(Data(manifest.utf8), to: path)
        return path
    }
}
