import ArgumentParser
import GenerateAssetsCore

struct Init: ProjectCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a commented assets.yml to start from.",
        discussion: "Of the shared options it takes -C/--directory (the folder, if no argument names one) and --color."
    )

    /// The shared options, which may stand before the subcommand; decoded once by the root command.
    @ParentCommand var root: GenerateAssetsCommand

    var project: ProjectArguments { root.project }

    @Argument(help: "The folder (default: -C, else the current directory).")
    var directory: String?

    func validate() throws {
        let unused = root.project.givenOptions(except: ["--directory", "--color"])
        guard unused.isEmpty else {
            throw ValidationError(
                "init takes no \(unused.joined(separator: ", ")); it writes assets.yml into a folder (-C DIR or an argument)"
            )
        }
    }

    func execute(_ terminal: Terminal) async throws {
        let path = try InitTemplate.write(into: directory ?? root.project.directory ?? ".")
        terminal.out("created \(path); run 'generate-assets status' to see the plan")
    }
}
