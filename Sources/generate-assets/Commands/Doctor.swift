import ArgumentParser
import AssetSupport
import GenerateAssetsCore

struct Doctor: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check everything a first run needs, at no cost: key, base URL, models, libraries, cache, notes, manifest.")

    @OptionGroup var project: ProjectArguments

    func execute(_ terminal: Terminal) async throws {
        let report = await DoctorRunner.run(options: project.projectOptions)
        if project.json {
            terminal.out(try JSONText.encode(report))
        } else {
            for check in report.checks {
                let mark = check.ok ? terminal.paint("ok  ", .green) : terminal.paint("FAIL", .red)
                terminal.out("\(mark) \(check.name): \(check.detail)\(check.fix.map { "\n     fix: \($0)" } ?? "")")
            }
        }
        if !report.ok { throw ExitCode.failure }
    }
}
