import Foundation

/// The git command line, to check what libgit2 wrote the way a user would.
public enum GitCLI {
    /// Runs git in `directory`; returns stdout, or throws with stderr on a non-zero exit.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = directory
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "git", code: Int(process.terminationStatus),
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "git \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))"
                ])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A new repository with an identity and one commit.
    public static func makeRepository(_ folder: TemporaryDirectory, identity: Bool = true, commit: Bool = true) throws {
        try run(["init", "-q", "-b", "main"], in: folder.path)
        if identity {
            try run(["config", "user.name", "Ada Lovelace"], in: folder.path)
            try run(["config", "user.email", "ada@example.com"], in: folder.path)
        }
        if commit {
            folder.write("README.md", "project\n")
            try run(["add", "README.md"], in: folder.path)
            try run(
                ["-c", "user.name=Setup", "-c", "user.email=setup@example.com", "commit", "-q", "-m", "init"],
                in: folder.path)
        }
    }
}
