import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct MergeAnswers: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-answers",
        abstract: "Join answers refs fetched from remotes into refs/generate-assets/answers, so it can be pushed.",
        discussion:
            "Two people who each stored answers make the ref diverge. Fetch theirs with '+refs/generate-assets/answers:refs/generate-assets/remotes/origin/answers', run merge-answers, then 'git push origin refs/generate-assets/answers'. Every answer is named by its SHA-256, so the merge is the union of both and never conflicts; an answer whose bytes do not match its name stops it. No provider call."
    )

    @OptionGroup var project: ProjectArguments

    @Argument(help: "The refs to merge (default: every refs/generate-assets/remotes/*/answers).")
    var refs: [String] = []

    func execute(_ terminal: Terminal) async throws {
        let report = try AnswersMerger.merge(options: project.projectOptions, refs: refs)
        if project.json { return terminal.out(try JSONText.encode(report)) }
        for item in report.refs {
            terminal.out(
                "\(item.ref): \(item.action)"
                    + (item.added > 0 ? ", \(OutcomeStyle.count(item.added, "answer")) added" : ""))
        }
    }
}
