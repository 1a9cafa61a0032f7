/// A position in a source file, 1-based.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A problem found in the user's input, carried as a value so tests can assert on it and the CLI can print it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning, note }

    public var severity: Severity
    public var message: String
    /// Where the problem is, when it comes from a file.
    public var location: SourceLocation?
    /// The manifest key path, such as `assets[fox].config.aspect_ratio`.
    public var key: String?
    /// How to fix it, in one sentence.
    public var fix: String?

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil, key: String? = nil,
        fix: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.key = key
        self.fix = fix
    }

    public static func error(
        _ message: String, at location: SourceLocation? = nil, key: String? = nil, fix: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, key: key, fix: fix)
    }

    public static func warning(
        _ message: String, at location: SourceLocation? = nil, key: String? = nil, fix: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, key: key, fix: fix)
    }

    /// `file:line:column: error: message (key) — fix`, the format editors and CI annotate.
    public var description: String {
        var text = ""
        if let location { text += "\(location.file):\(location.line):\(location.column): " }
        text += "\(severity.rawValue): "
        if let key { text += "\(key): " }
        text += message
        if let fix { text += "\n    fix: \(fix)" }
        return text
    }
}

/// Thrown when input has errors; it holds all of them so they are reported at once.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// An operational failure with a suggested fix, for problems that are not located in the manifest.
public struct UserFacingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var fix: String?

    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    public var description: String { fix.map { "\(message)\n    fix: \($0)" } ?? message }
}
