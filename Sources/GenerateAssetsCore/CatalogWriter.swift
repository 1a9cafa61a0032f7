import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

/// Writes an asset-catalog set's `Contents.json` in Apple's format, and the `.xcassets` folder's own when it
/// is missing. The set's `images` lists exactly the set's image files that exist, followed by any entry
/// already in the file for other files and slots; every other key already there is kept, and
/// the file is written in Xcode's own format.
struct CatalogWriter {
    let context: ProjectContext

    /// What `info` says when a file has none.
    static var info: [String: Any] { ["author": "generate-assets", "version": 1] }

    struct Written {
        var records: [RenditionRecord] = []
        /// Paths whose bytes changed.
        var changed: [String] = []
    }

    /// - Parameter previouslyWritten: paths the lock recorded for the set's assets: their old entries are dropped, not kept.
    func write(_ set: CatalogSet, previouslyWritten: [String]) throws -> Written {
        var written = Written()
        let existing = FileContents.read(context.absolute(set.contentsPath))
        var document: [String: Any] = [:]
        if let existing {
            guard let object = try? JSONSerialization.jsonObject(with: existing),
                let dictionary = object as? [String: Any]
            else {
                throw UserFacingError(
                    "\(set.contentsPath) is not a JSON object",
                    fix: "correct it, or delete it to have it written again with the set's images")
            }
            document = dictionary
        }
        let present = set.images.filter { FileKind(context.absolute(set.folder + "/" + $0.filename)) == .file }
        let ours = Set(
            set.images.map(\.filename)
                + previouslyWritten.filter { ProjectPath.parent($0) == set.folder }.map(ProjectPath.name))
        let slots = Set(set.images.map(\.slot))
        let others = (document["images"] as? [[String: Any]] ?? []).filter { entry in
            !((entry["filename"] as? String).map(ours.contains) ?? false)
                && !slots.contains(CatalogImage.slot(of: entry))
        }
        document["images"] = present.map(\.json) + others
        if document["info"] == nil { document["info"] = Self.info }
        try store(
            Self.encode(document), existing: existing, at: set.contentsPath, recipe: set.recipe, into: &written)
        if let folder = set.catalogContentsPath {
            let current = FileContents.read(context.absolute(folder))
            try store(
                try current ?? Self.encode(["info": Self.info]), existing: current, at: folder,
                recipe: CatalogSet.catalogRecipe, into: &written)
        }
        return written
    }

    /// Xcode's own format (`XcodeJSON`), so Xcode saving the file and generate-assets writing it make no diff.
    static func encode(_ document: [String: Any]) -> Data { XcodeJSON.encode(document) }

    func store(_ data: Data, existing: Data?, at path: String, recipe: String, into written: inout Written) throws {
        let hash = SHA256.hash(data)
        if data != existing {
            try AtomicFileWriter.write(data, to: context.absolute(path))
            try context.hasher.noteWritten(path, sha256: hash)
            written.changed.append(path)
        }
        written.records.append(
            RenditionRecord(
                output: path, recipe: recipe, fingerprint: DerivedFingerprint.of(source: nil, recipe: recipe),
                outputSHA256: hash))
    }
}
