import ArgumentParser

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Follow Batch API jobs (made by 'generate --batch'): list, wait and apply, cancel.",
        subcommands: [BatchList.self, BatchWait.self, BatchCancel.self]
    )
}
