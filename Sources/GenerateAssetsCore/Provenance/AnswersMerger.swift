import AssetGit
import AssetSupport
import Foundation

/// One answers ref merged into the project's, for `merge-answers`.
package struct AnswersMergeItem: Codable, Sendable, Equatable {
    package var ref: String
    /// `up to date`, `fast-forward` or `merged`.
    package var action: String
    /// Answers the project's ref gained.
    package var added: Int
}

/// What `merge-answers` did, per ref (`--json`).
package struct AnswersMergeReport: Codable, Sendable, Equatable {
    package var refs: [AnswersMergeItem]
}

/// `merge-answers`: joins the answers refs fetched from remotes (`refs/generate-assets/remotes/*/answers`)
/// into `refs/generate-assets/answers`, so a push after two people each stored answers is a fast-forward.
package enum AnswersMerger {
    /// Merges `refs` (default: every remote answers ref) into the project's answers ref.
    package static func merge(options: ProjectOptions, refs: [String]) throws -> AnswersMergeReport {
        let root = URL(fileURLWithPath: try ProjectContext.locateManifest(options)).deletingLastPathComponent().path
        guard let repository = try GitRepository.discover(at: root) else {
            throw UserFacingError(
                "\(root) is not in a git repository, so there are no answers refs to merge",
                fix: "run it in the project's clone")
        }
        let sources = refs.isEmpty ? try repository.remoteAnswersRefs() : refs
        guard !sources.isEmpty else {
            throw UserFacingError(
                "no remote answers ref to merge (refs/generate-assets/remotes/*/answers)",
                fix: "fetch one first: \(fetchLine(remote: "origin"))")
        }
        return AnswersMergeReport(
            refs: try sources.map { ref in
                let result: AnswersMergeResult
                do {
                    result = try repository.mergeAnswers(from: ref) { name, data in SHA256.hash(data).hex == name }
                } catch let error as GitError {
                    throw UserFacingError(
                        "cannot merge \(ref) into \(GitRepository.answersRef): \(error.message)",
                        fix: "check the ref's name ('git show-ref'), fetch it again, or run 'git fsck'")
                }
                switch result {
                case .upToDate: return AnswersMergeItem(ref: ref, action: "up to date", added: 0)
                case .fastForward(let added): return AnswersMergeItem(ref: ref, action: "fast-forward", added: added)
                case .merged(let added): return AnswersMergeItem(ref: ref, action: "merged", added: added)
                }
            })
    }

    /// The fetch of a remote's answers ref into the name `merge-answers` reads (`+`: the tool merges it).
    package static func fetchLine(remote: String) -> String {
        "git fetch \(remote) '+\(GitRepository.answersRef):\(GitRepository.remoteAnswersRef(remote))'"
    }
}
