import AssetSupport
import Foundation

/// What of a set's `Contents.json` generate-assets owns: the `images` entries that name one of the set's
/// files or fill one of its slots. Everything else (`properties` such as Xcode's "Render As: Template",
/// `info`, entries for files the tool does not make) is the designer's: editing it is not staleness.
extension CatalogSet {
    /// True when `entry` names one of the set's files or fills one of its slots.
    package func owns(_ entry: [String: Any]) -> Bool {
        if let name = entry["filename"] as? String, images.contains(where: { $0.filename == name }) { return true }
        let slot = CatalogImage.slot(of: entry)
        return images.contains { $0.slot == slot }
    }

    /// True when the file's owned entries are exactly `present` (the set's images whose files exist), in
    /// order, whatever else the file holds. False for a file that is not a JSON object.
    package func ownedPartMatches(_ data: Data, present: [CatalogImage]) -> Bool {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        let entries = (document["images"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }.filter(owns)
        return entries.map(XcodeJSON.encode) == present.map { XcodeJSON.encode($0.json) }
    }
}
