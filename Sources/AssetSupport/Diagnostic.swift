/// A position in a source file, 1-based.
package struct SourceLocation: Sendable, Hashable, Codable {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A problem found in the user's input, carried as a value so tests can assert on it and the CLI can print it.
package struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Severity: String, Sendable, Codable { case error, warning, note }

    package var severity: Severity
    package var message: String
    /// Where the problem is, when it comes from a file.
    package var location: SourceLocation?
    /// The manifest key path, such as `assets[fox].config.aspect_ratio`.
    package var key: String?
    /// How to fix it, in one sentence.
    package var fix: String?

    package init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil, key: String? = nil,
        fix: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.key = key
        self.fix = fix
    }

    package static func error(
        _ message: String, at location: SourceLocation? = nil, key: String? = nil, fix: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, key: key, fix: fix)
    }

    package static func warning(
        _ message: String, at location: SourceLocation? = nil, key: String? = nil, fix: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, key: key, fix: fix)
    }

    /// `file:line:column: error: message (key) — fix`, the format editors and CI annotate.
    package var description: String {
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
package struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    package var hasErrors: Bool { contains { $0.severity == .error } }
    package var errors: [Diagnostic] { filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// An operational failure with a suggested fix, for problems that are not located in the manifest.
package struct UserFacingError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var fix: String?

    package init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    package var description: String { fix.map { "\(message)\n    fix: \($0)" } ?? message }
}
