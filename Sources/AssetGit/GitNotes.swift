import Foundation

#if canImport(CGit2Lazy)
    import CGit2Lazy
#else
    import CGit2
#endif

extension GitRepository {
    /// Every provenance note under `notesRef`, whatever commit it is on (reachable or not): what `usage`
    /// reads when the call log is gone. Empty when the ref does not exist.
    package func allNotes() -> [String] {
        final class Collected { var oids: [git_oid] = [] }
        let collected = Collected()
        let status = git_note_foreach(
            handle, Self.notesRef,
            { blob, _, payload in
                guard let blob, let payload else { return 0 }
                Unmanaged<Collected>.fromOpaque(payload).takeUnretainedValue().oids.append(blob.pointee)
                return 0
            }, Unmanaged.passUnretained(collected).toOpaque())
        guard status == 0 else { return [] }
        return collected.oids.compactMap { oid in
            var oid = oid
            var blob: OpaquePointer?
            guard git_blob_lookup(&blob, handle, &oid) == 0 else { return nil }
            defer { git_blob_free(blob) }
            return String(
                decoding: Data(bytes: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob))), as: UTF8.self)
        }
    }
}
