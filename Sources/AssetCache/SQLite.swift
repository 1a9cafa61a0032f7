import AssetSupport
import CSQLite
import Foundation

/// An SQLite failure, with the database's own message.
package struct SQLiteError: Error, Sendable, CustomStringConvertible {
    package var code: Int32
    package var message: String
    package var description: String {
        isStorageFailure
            ? "cannot write the cache: \(message) (SQLite \(code)); the disk may be full"
            : "SQLite error \(code): \(message)"
    }

    /// True when the disk refused the write (full, or failing).
    package var isStorageFailure: Bool { code & 0xff == SQLITE_FULL || code & 0xff == SQLITE_IOERR }

    /// True when the file is not a database or is damaged.
    package var isCorruption: Bool { code & 0xff == SQLITE_CORRUPT || code & 0xff == SQLITE_NOTADB }
}

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value bound to or read from a statement.
package enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob(Data)
}

/// One SQLite connection; every call is serialized by a lock, so it can be shared between tasks.
package final class SQLiteDatabase: @unchecked Sendable {
    private var handle: OpaquePointer?
    private let lock = NSRecursiveLock()
    package let path: String

    /// Opens (or creates, unless `readOnly`) the database, with a busy timeout for concurrent processes.
    package init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            handle = nil
            throw SQLiteError(code: status, message: message)
        }
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK || status == SQLITE_ROW || status == SQLITE_DONE else {
            throw SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// Runs one or more statements with no parameters.
    package func execute(_ sql: String) throws {
        try lock.withLock { try check(sqlite3_exec(handle, sql, nil, nil, nil)) }
    }

    /// Runs a statement and returns every row.
    @discardableResult
    package func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        try lock.withLock {
            var statement: OpaquePointer?
            try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil))
            defer { sqlite3_finalize(statement) }
            for (index, value) in parameters.enumerated() { try bind(value, at: Int32(index + 1), in: statement) }
            var rows: [[SQLValue]] = []
            while true {
                let status = sqlite3_step(statement)
                if status == SQLITE_DONE { break }
                try check(status)
                rows.append((0..<sqlite3_column_count(statement)).map { column(statement, $0) })
            }
            return rows
        }
    }

    /// Runs one statement whose parameter `index` (1-based) is a large blob bound without a copy.
    package func execute(_ sql: String, _ parameters: [SQLValue], blob: Data, at index: Int32) throws {
        try lock.withLock {
            var statement: OpaquePointer?
            try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil))
            defer { sqlite3_finalize(statement) }
            for (offset, value) in parameters.enumerated() where Int32(offset + 1) != index {
                try bind(value, at: Int32(offset + 1), in: statement)
            }
            try blob.withUnsafeBytes { bytes in
                // SQLITE_STATIC: the bytes stay valid until the step below has run.
                try check(
                    sqlite3_bind_blob64(
                        statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                        sqlite3_uint64(bytes.count), nil))
                try check(sqlite3_step(statement))
            }
        }
    }

    /// Runs `body` in an immediate transaction, committing on success and rolling back on any error.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer?) throws {
        switch value {
        case .null: try check(sqlite3_bind_null(statement, index))
        case .int(let v): try check(sqlite3_bind_int64(statement, index, v))
        case .double(let v): try check(sqlite3_bind_double(statement, index, v))
        case .text(let v): try check(sqlite3_bind_text(statement, index, v, -1, transient))
        case .blob(let v):
            try v.withUnsafeBytes { bytes in
                try check(
                    sqlite3_bind_blob64(
                        statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                        sqlite3_uint64(bytes.count), transient))
            }
        }
    }

    private func column(_ statement: OpaquePointer?, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let base = sqlite3_column_blob(statement, index) else { return .blob(Data()) }
            return .blob(Data(bytes: base, count: count))
        default: return .null
        }
    }
}

extension SQLValue {
    package var int: Int64? { if case .int(let v) = self { v } else { nil } }
    package var double: Double? {
        switch self {
        case .double(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }
    package var text: String? { if case .text(let v) = self { v } else { nil } }
    package var blob: Data? { if case .blob(let v) = self { v } else { nil } }
}
