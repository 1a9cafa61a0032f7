import AssetSupport
import Foundation

/// stdout for results, stderr for progress and diagnostics; colour only on a terminal without NO_COLOR.
struct Terminal: Sendable {
    enum Style: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case cyan = "36"
        case dim = "2"
        case bold = "1"
    }

    let colorOut: Bool
    let colorErr: Bool
    let interactive: Bool
    /// `--json` was given: stdout carries one object, a failure's too (`guarding`).
    let json: Bool
    /// `--quiet`: progress is not printed, only the summary and errors.
    let quiet: Bool
    /// Whether anything was printed on stdout yet.
    private let wroteOut = LockedValue(false)

    init(
        color: ColorChoice, json: Bool = false, quiet: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.json = json
        self.quiet = quiet
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        func enabled(_ fd: Int32) -> Bool {
            switch color {
            case .always: true
            case .never: false
            case .auto: isatty(fd) == 1 && !noColor && environment["TERM"] != "dumb"
            }
        }
        colorOut = enabled(1)
        colorErr = enabled(2)
        interactive = isatty(0) == 1 && isatty(2) == 1
    }

    func paint(_ text: String, _ style: Style, stderr: Bool = false) -> String {
        (stderr ? colorErr : colorOut) ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// True once `out` printed something.
    var hasWrittenOut: Bool { wroteOut.value }

    func out(_ line: String) {
        wroteOut.withValue { $0 = true }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func note(_ message: String) { err("\(paint("note:", .cyan, stderr: true)) \(message)") }

    func error(_ message: String, fix: String? = nil) {
        err("\(paint("error:", .red, stderr: true)) \(message)")
        if let fix { err("    fix: \(fix)") }
    }

    func printDiagnostic(_ diagnostic: Diagnostic) {
        let styled = diagnostic.description.replacingOccurrences(
            of: "\(diagnostic.severity.rawValue): ",
            with: paint(
                "\(diagnostic.severity.rawValue):", diagnostic.severity == .error ? .red : .yellow, stderr: true) + " ",
            options: [], range: nil)
        err(styled)
    }

    func printWarnings(_ diagnostics: [Diagnostic]) { diagnostics.forEach(printDiagnostic) }

    /// Asks a yes/no question on the terminal; false without one.
    func confirm(_ question: String) -> Bool {
        guard interactive else { return false }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        return ["y", "yes"].contains(readLine()?.lowercased().trimmingCharacters(in: .whitespaces) ?? "")
    }
}
