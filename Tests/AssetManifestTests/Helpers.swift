import AssetManifest
import AssetSupport
import Foundation
import TestSupport

/// Writes `yaml` as assets.yml (plus two reference images) and loads it.
func load(_ yaml: String, in folder: TemporaryDirectory = TemporaryDirectory()) -> Result<
    ResolvedProject, DiagnosticsError
> {
    if !folder.exists("Art/sketch.png") {
        folder.write("Art/sketch.png", TestImages.png(seed: 1))
        folder.write("Art/photo.jpg", TestImages.jpegHeader(width: 4, height: 4))
        folder.write("Art/notes.png", "these are notes, not an image")
    }
    folder.write("assets.yml", yaml)
    do {
        return .success(try ManifestLoader.load(manifestAt: folder.url("assets.yml")))
    } catch let error as DiagnosticsError {
        return .failure(error)
    } catch {
        fatalError("unexpected error \(error)")
    }
}

/// The diagnostics of a manifest expected to fail.
func errors(_ yaml: String, in folder: TemporaryDirectory = TemporaryDirectory()) -> [Diagnostic] {
    switch load(yaml, in: folder) {
    case .success: return []
    case .failure(let error): return error.diagnostics.errors
    }
}

/// A minimal valid asset block to combine with others.
func asset(_ id: String, _ extra: String = "") -> String {
    "  - id: \(id)\n    output: Images/\(id).png\n    prompt: \"Picture of \(id)\"\n" + extra
}
