import Foundation
import TestSupport
import Testing

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
        for line in [
            "kills: 6", "torn files: 0", "integrity failures: 0",
            "git fsck failures: 0; generate-assets commits without a note: 0",
            "final run exit code: 0",
        ] {
            #expect(output.contains(line), "expected '\(line)' in\n\(output)")
        }
        // A kill in the few milliseconds between the stub's answer and the cache commit loses that one answer
        // (50 kills: 1 such image). Anything systematic, such as images not cached before writing, loses dozens.
        func figure(_ name: String) -> Int? {
            output.split(separator: "\n").first { $0.hasPrefix(name + ": ") }.flatMap {
                Int($0.dropFirst(name.count + 2).prefix { $0.isNumber })
            }
        }
        let delivered = try #require(figure("images delivered by the stub"))
        #expect(delivered >= 12, "the run made real calls")
        #expect((figure("lost images") ?? 99) <= 2, "\(output)")
        #expect((figure("duplicate requests") ?? 99) <= 2, "\(output)")
    }
}
