import Foundation

#if os(Linux)
    import CGit2Lazy
#else
    import CGit2
#endif

/// A libgit2 failure, with libgit2's own message.
package struct GitError: Error, Sendable, CustomStringConvertible {
    package var operation: String
    package var code: Int32
    package var message: String

    package var description: String { "git: \(operation) failed: \(message)" }

    /// Throws when a libgit2 call returned an error code.
    static func check(_ code: Int32, _ operation: String) throws {
        guard code < 0 else { return }
        let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "error \(code)"
        throw GitError(operation: operation, code: code, message: message)
    }
}

/// A 20-byte object id as 40 hex characters.
package struct GitObjectID: Sendable, Hashable, CustomStringConvertible {
    package let hex: String

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &copy)
        hex = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    var oid: git_oid {
        var oid = git_oid()
        git_oid_fromstr(&oid, hex)
        return oid
    }

    package var short: String { String(hex.prefix(10)) }
    package var description: String { hex }
}

/// A commit as history shows it.
package struct GitCommitInfo: Sendable, Hashable {
    package var id: GitObjectID
    package var summary: String
    package var authorName: String
    package var authorEmail: String
    package var time: Date

    package init(id: GitObjectID, summary: String, authorName: String, authorEmail: String, time: Date) {
        self.id = id
        self.summary = summary
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.time = time
    }
}
