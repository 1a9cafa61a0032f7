import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Collects what a run reports, for tests.
final class CollectingReporter: RunReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [RunEvent] = []
    var events: [RunEvent] { lock.withLock { stored } }
    var outcomes: [AssetOutcome] { events.compactMap { if case .finished(let outcome) = $0 { outcome } else { nil } } }
    func report(_ event: RunEvent) { lock.withLock { stored.append(event) } }
}

@Suite struct SnapshotRecordingTests {
    static func manifest(prompt: String) -> String {
        """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: a, output: Images/a.png, prompt: "\(prompt)"}
          - {id: b, output: Images/b.jpg, prompt: "the second"}
        """
    }

    /// A generated project whose files are all older than the racy-clean window.
    func generatedProject() async throws -> (TemporaryDirectory, ProjectOptions) {
        let folder = TemporaryDirectory("snapshot")
        folder.write("assets.yml", Self.manifest(prompt: "the first"))
        let options = ProjectOptions(directory: folder.path)
        let context = try ProjectContext(options: options, readOnly: false, environment: [:])
        let report = try await GenerateEngine(
            context: context, options: GenerateOptions(commit: false), reporter: CollectingReporter()
        ).run()
        #expect(report.assets.map(\.state) == [.generated, .generated])
        usleep(60_000)
        return (folder, options)
    }

    /// `status` as `StatusRunner.run` does it, with `during` run between loading the project and recording the snapshot.
    func status(_ options: ProjectOptions, during: () -> Void) throws -> RunReport {
        let early = StatusSnapshot.statBeforeLoading(options, clock: SystemClock())
        let context = try ProjectContext(options: options, readOnly: false, environment: [:])
        during()
        let report = try StatusRunner.run(context, only: [])
        StatusSnapshot.record(report, context: context, options: options, environment: [:], early: early)
        return report
    }

    @Test func anUnchangedProjectIsReplayed() async throws {
        let (folder, options) = try await generatedProject()
        defer { withExtendedLifetime(folder) {} }
        #expect(!(try status(options) {}).hasStale)
        let next = try StatusRunner.run(options: options, only: [], environment: [:])
        #expect(next.replayed, "the snapshot works at all, so the test below can fail")
    }

    @Test func aManifestSavedDuringStatusIsSeenByTheNextStatus() async throws {
        let (folder, options) = try await generatedProject()
        defer { withExtendedLifetime(folder) {} }
        let during = try status(options) {
            folder.write("assets.yml", Self.manifest(prompt: "the first, edited while status ran"))
        }
        #expect(!during.hasStale, "that status planned the manifest it had read")
        let next = try StatusRunner.run(options: options, only: [], environment: [:])
        #expect(!next.replayed)
        #expect(next.hasStale)
        #expect(try next.report().assets.first { $0.id == "a" }?.reasons == [.promptChanged])
    }
}
