import AssetSupport
import Foundation

/// The images folder beside the review page: each image once, named by its SHA-256, so the page needs
/// no server and no network. Images of earlier pages that this one does not show are removed.
final class ReviewImages {
    static let folderName = "images"
    let folder: String
    private(set) var written: [String: ReviewImage] = [:]

    init(pageFolder: String) throws {
        folder = pageFolder + "/" + Self.folderName
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Copies an image beside the page (once) and describes it.
    func add(_ data: Data) throws -> ReviewImage {
        let hash = SHA256.hash(data)
        if let known = written[hash.hex] { return known }
        let name = "\(hash.hex).\(ImageFormat.sniff(data).map { $0.fileExtensions[0] } ?? "bin")"
        let path = folder + "/" + name
        if (try? SHA256.hash(fileAt: path)) != hash { try AtomicFileWriter.write(data, to: path) }
        let size = PixelSize.of(data)
        let image = ReviewImage(
            src: Self.folderName + "/" + name, sha256: hash, width: size?.width, height: size?.height, bytes: data.count
        )
        written[hash.hex] = image
        return image
    }

    /// Removes images an earlier page left that this one does not use; only files named as this class names them.
    func removeUnused() {
        let used = Set(written.values.map { ProjectPath.name($0.src) })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where !used.contains(name) && Self.isOurs(name) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    static func isOurs(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 2 && parts[0].count == 64 && parts[0].allSatisfy(\.isHexDigit)
            && ["png", "jpg", "webp", "heic", "heif", "bin"].contains(String(parts[1]))
    }
}
