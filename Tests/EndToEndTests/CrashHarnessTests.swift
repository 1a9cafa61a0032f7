import Foundation
import Testing
import TestSupport

/// A short run of the crash harness in the suite; the 50-kill run is in the README's Reliability section.
@Suite struct CrashHarnessTests {
    @Test func killedRunsTearNothingAndLoseNothing() throws {
        let harness = ToolRunner.locate("crash-harness")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: harness)
        process.arguments = ["--kills", "6", "--assets", "12", "--seed", "7"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        for line in ["kills: 6", "torn files: 0", "integrity failures: 0", "git fsck failures: 0; generate-assets commits without a note: 0",
                     "lost images: 0", "duplicate requests: 0", "final run exit code: 0"] {
            #expect(output.contains(line), "expected '\(line)' in\n\(output)")
        }
    }
}
