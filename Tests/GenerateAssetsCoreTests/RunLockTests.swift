import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// A run that queues behind another must judge the project as it is once it holds the lock, not as it
/// was when it started waiting.
@Suite struct RunLockTests {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A fox"}
          - {id: owl, output: Images/owl.png, prompt: "An owl"}
        """

    @Test func anOutputEditedWhileWaitingForTheLockIsNotOverwritten() async throws {
        var project = CoreProject(Self.manifest, label: "run-lock")
        project.environment = [:]
        try await project.generate()
        // A status well after the writes: the stat cache then trusts every output's stat.
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(!(try project.status().hasStale))
        project.rewrite("A fox", "A fox, redrawn")

        var held: ProjectLock? = try ProjectLock(projectRoot: project.folder.path, wait: false) { _ in }
        let reporter = CollectingReporter()
        let options = project.options
        let queued = Task {
            try await ProjectContext.locked(options: options, reporter: reporter, environment: [:]) { context in
                try await GenerateEngine(context: context, options: GenerateOptions(commit: false), reporter: reporter)
                    .run()
            }
        }
        let deadline = Date().addingTimeInterval(30)
        while !reporter.events.contains(where: { if case .waitingForLock = $0 { true } else { false } }) {
            try #require(Date() < deadline, "the second run never queued behind the lock")
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        // The manifest was read and every output statted before the wait; now a hand edits one.
        let edited = TestImages.png(width: 4, height: 4, seed: 9)
        project.folder.write("Images/fox.png", edited)
        withExtendedLifetime(held) { held = nil }

        let report = try await queued.value
        let fox = try #require(report.asset("fox"))
        #expect(fox.state == .stale && fox.action == .edited && fox.error == nil, "\(fox)")
        #expect(project.folder.read("Images/fox.png") == edited, "the hand edit is kept")
        #expect(report.asset("owl")?.state == .fresh)
    }
}
