import ArgumentParser
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

    init(color: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) {
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

    func out(_ line: String) {
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

    /// Runs a command body, turning errors into printed messages and exit codes: 2 for manifest errors, 1 otherwise.
    func guarding(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as DiagnosticsError {
            error.diagnostics.forEach(printDiagnostic)
            let count = error.diagnostics.errors.count
            err("\(count) error\(count == 1 ? "" : "s"); nothing was written")
            throw ExitCode(2)
        } catch let error as UserFacingError {
            self.error(error.message, fix: error.fix)
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            self.error("\(error)")
            throw ExitCode.failure
        }
    }
}
