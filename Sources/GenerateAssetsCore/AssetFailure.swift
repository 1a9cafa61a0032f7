import AssetCache
import AssetImaging
import AssetProviders
import AssetSupport
import Foundation

/// Why an asset failed, kept a value until it is printed: `{"kind", "message", "fix"}` in `--json`.
package struct AssetFailure: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        /// The service refused to draw it (a safety block, no image).
        case blocked
        /// Rate or quota limits outlasted the retries.
        case rateLimited = "rate_limited"
        /// The key is missing, invalid or not allowed.
        case auth
        /// No answer: connection, timeout, dropped or cut answers.
        case network
        /// The service answered with an error it may not repeat (5xx after retries).
        case unavailable
        /// The request was refused as invalid (400, unknown model).
        case rejected
        /// The answer could not be read (not JSON, bad base64, not an image).
        case malformed
        /// The output was edited by hand and is not overwritten without --force.
        case modifiedOutput = "modified_output"
        /// --max-cost would be passed, or a run that spends money was not confirmed (--yes).
        case budget
        /// A reference changed during the run.
        case changed
        /// An asset it depends on failed.
        case upstream
        /// A batch job could not be submitted or brought no answer.
        case batch
        /// Reading or writing project files, the cache or images failed.
        case project
        /// No attempt passed every check of `checks:` (each attempt's verdict is in the message).
        case checksFailed = "checks_failed"
    }

    package var kind: Kind
    package var message: String
    package var fix: String?

    package init(_ kind: Kind, _ message: String, fix: String? = nil) {
        self.kind = kind
        self.message = message
        self.fix = fix
    }

    /// Classifies any error a run can meet.
    package init(_ error: any Error) {
        switch error {
        case let failure as AssetFailure:
            self = failure
        case let error as ProviderError:
            self.init(Self.kind(of: error), error.message, fix: error.fix)
        case let error as UserFacingError:
            self.init(.project, error.message, fix: error.fix)
        case let error as ImagingError:
            self.init(.project, error.message, fix: error.fix)
        case let error as SQLiteError where error.isCorruption:
            // Found past opening (by `cache stats`, say): the same way out as when opening finds it.
            self.init(
                .project, "the cache in \(StateFolder.name)/ is damaged (\(error.message))",
                fix:
                    "run 'generate-assets cache reset' to set it aside and start a new one; your images in the project are untouched"
            )
        case let error as SQLiteError where error.isStorageFailure:
            self.init(
                .project, "\(error)", fix: "free space on the disk that holds the project, then run again")
        default:
            self.init(.project, "\(error)")
        }
    }

    static func kind(of error: ProviderError) -> Kind {
        switch error.kind {
        case .blocked: .blocked
        case .budget: .budget
        case .changed: .changed
        case .malformed: .malformed
        case .auth: .auth
        case .rejected: .rejected
        case .unavailable: error.httpStatus == 429 ? .rateLimited : error.httpStatus == nil ? .network : .unavailable
        }
    }

    package var description: String { fix.map { "\(message) (fix: \($0))" } ?? message }
}
