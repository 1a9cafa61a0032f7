import ArgumentParser
import AssetSupport
import GenerateAssetsCore

extension Terminal {
    /// Runs a command body, turning errors into printed messages and exit codes: 2 for manifest errors, 1 otherwise.
    /// With `--json`, a failure before the body printed its object prints a `FailureReport` on stdout as well.
    func guarding(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as DiagnosticsError {
            error.diagnostics.forEach(printDiagnostic)
            let report = FailureReport(manifest: error.diagnostics)
            err(report.error.message)
            printFailure(report)
            throw ExitCode(report.exitCode)
        } catch {
            let failure = AssetFailure(error)
            self.error(failure.message, fix: failure.fix)
            printFailure(FailureReport(failure))
            throw ExitCode.failure
        }
    }

    /// Prints `report` on stdout when `--json` was given and nothing else was: stdout stays one object.
    func printFailure(_ report: FailureReport) {
        guard json, !hasWrittenOut, let text = try? JSONText.encode(report) else { return }
        out(text)
    }
}
