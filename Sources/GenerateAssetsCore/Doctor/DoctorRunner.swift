import AssetCache
import AssetGit
import AssetImaging
import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

/// `doctor`: checks, at no cost, everything a first run needs, one `DoctorCheck` each. Nothing is generated
/// or written: the only call is the models list, which is free.
package enum DoctorRunner {
    package static func run(
        options: ProjectOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> DoctorReport {
        var checks: [DoctorCheck] = []
        let project: ResolvedProject?
        do {
            let loaded = try ProjectContext.validate(options)
            project = loaded
            checks.append(
                .pass(
                    "manifest",
                    "\(loaded.manifestPath): \(loaded.assets.count) assets, no errors"
                        + (loaded.warnings.isEmpty ? "" : ", \(loaded.warnings.count) warnings")))
        } catch {
            project = nil
            checks.append(manifestFailure(error))
        }
        checks += await service(project: project, options: options, environment: environment)
        checks.append(library("libvips", problem: ImageLibrary.loadProblem(), name: ImageLibrary.name))
        checks.append(library("libgit2", problem: GitLibrary.loadProblem(), name: "libgit2"))
        if let project {
            checks.append(cache(root: project.root))
            checks.append(notes(root: project.root))
            checks.append(answers(root: project.root))
        }
        return DoctorReport(checks: checks)
    }

    static func manifestFailure(_ error: any Error) -> DoctorCheck {
        if let invalid = error as? DiagnosticsError {
            let errors = invalid.diagnostics.filter { $0.severity == .error }
            let first = errors.first.map { $0.description.split(separator: "\n").first.map(String.init) ?? "" } ?? ""
            return .fail(
                "manifest", "\(errors.count) error\(errors.count == 1 ? "" : "s"), the first: \(first)",
                fix: errors.first?.fix.map { "\($0); 'generate-assets validate' lists every one" }
                    ?? "run 'generate-assets validate' to see every error")
        }
        let failure = AssetFailure(error)
        return .fail("manifest", failure.message, fix: failure.fix)
    }

    /// The key, the base URL, the key's acceptance and the manifest's models, from one free models list.
    static func service(project: ResolvedProject?, options: ProjectOptions, environment: [String: String]) async
        -> [DoctorCheck]
    {
        let settings: GeminiSettings
        do {
            settings = try GeminiSettings.resolve(
                api: project?.api ?? APISettings(), baseURLOverride: options.baseURL, environment: environment)
        } catch {
            let failure = AssetFailure(error)
            return [.fail("base_url", failure.message, fix: failure.fix)]
        }
        let base = settings.baseURL.absoluteString
        guard settings.apiKey != nil else {
            return [
                .fail(
                    "key", "no Gemini API key: \(settings.keyVariable) is not set",
                    fix:
                        "export GEMINI_API_KEY=… (keys are made at https://aistudio.google.com/apikey), or name your variable with 'api.key_env'"
                ),
                .fail("base_url", "\(base) not checked: listing its models needs a key", fix: "set the key first"),
            ]
        }
        var checks = [DoctorCheck.pass("key", "set in \(settings.keyVariable)")]
        let offered: [OfferedModel]
        do {
            offered = try await GeminiProvider(settings: settings).listModels()
        } catch let error as ProviderError {
            switch error.kind {
            case .auth:
                checks.append(.pass("base_url", "\(base) answers"))
                checks.append(.fail("key_accepted", error.message, fix: error.fix))
            default:
                checks.append(
                    .fail(
                        "base_url", "\(base)/\(settings.apiVersion)/models: \(error.message)",
                        fix:
                            "check --base-url, GEMINI_BASE_URL or api.base_url (the root, without the version: e.g. https://generativelanguage.googleapis.com) and the network"
                    ))
            }
            return checks
        } catch {
            checks.append(.fail("base_url", "\(base): \(error)", fix: "check the base URL and the network"))
            return checks
        }
        checks.append(.pass("base_url", "\(base) answers"))
        checks.append(.pass("key_accepted", "the models list answered: \(offered.count) models offered"))
        if let project {
            checks.append(models(project: project, offered: Set(offered.map(\.id))))
        }
        return checks
    }

    /// Every model the manifest uses is offered; a missing one is named with what to use instead.
    static func models(project: ResolvedProject, offered: Set<String>) -> DoctorCheck {
        let used = Array(Set(project.assets.map(\.modelID))).sorted()
        let missing = used.filter { !offered.contains($0) }
        guard !missing.isEmpty else {
            return .pass("models", "offered: \(used.joined(separator: ", "))")
        }
        let advice = missing.map { id in
            let row = project.catalog.model(id)
            if let replacement = row?.successors.first, offered.contains(replacement) {
                return "replace \(id) with \(replacement)"
            }
            if let declared = row?.declaredAt {
                return "check the id of \(id) under 'models:' on line \(declared.line)"
            }
            return
                "replace \(id) with one of \(project.catalog.currentIDs.filter(offered.contains).joined(separator: ", "))"
        }
        return .fail(
            "models", "not offered by the service: \(missing.joined(separator: ", "))",
            fix: advice.joined(separator: "; ") + " ('generate-assets models' lists what is offered)")
    }

    static func library(_ check: String, problem: String?, name: String) -> DoctorCheck {
        guard let problem else { return .pass(check, "\(name) loads") }
        let fix =
            check == "libvips"
            ? "install libvips (Debian: sudo apt-get install libvips-dev), or unset GENERATE_ASSETS_LIBVIPS if it names another file"
            : "install libgit2 (Debian: sudo apt-get install libgit2-dev)"
        return .fail(check, problem, fix: fix)
    }

    /// The cache opens and passes SQLite's quick check; no cache yet is fine (the first run makes one).
    static func cache(root: String) -> DoctorCheck {
        do {
            guard let cache = try CacheStore.open(projectRoot: root, readOnly: true) else {
                return .pass("cache", "no cache yet: the first run creates .generate-assets/")
            }
            let result = try cache.database.query("PRAGMA quick_check").compactMap { $0.first?.text }
            guard result == ["ok"] else {
                return .fail(
                    "cache", "the cache fails SQLite's quick check: \(result.prefix(3).joined(separator: "; "))",
                    fix: "run 'generate-assets cache verify --repair', or 'generate-assets cache reset'")
            }
            return .pass("cache", "opens and passes SQLite's quick check")
        } catch {
            return .fail(
                "cache", "the cache does not open: \(AssetFailure(error).message)",
                fix: "run 'generate-assets cache reset' (the old cache is set aside, not deleted)")
        }
    }

    /// Each remote fetches and pushes the notes ref, or the fix gives the git config lines that make it so.
    static func notes(root: String) -> DoctorCheck {
        shared(
            GitRepository.notesRef, check: "notes", root: root, what: "provenance",
            tracking: { "refs/notes/remotes/\($0)/generate-assets" })
    }

    /// Each remote fetches and pushes the answers ref (the images a clone needs that no file holds).
    static func answers(root: String) -> DoctorCheck {
        shared(
            GitRepository.answersRef, check: "answers", root: root,
            what: "the images a clone needs that no committed file holds", tracking: GitRepository.remoteAnswersRef)
    }

    /// Each remote fetches `ref` (into `tracking(remote)`, where a merge picks it up) and pushes it.
    static func shared(
        _ ref: String, check name: String, root: String, what: String, tracking: (String) -> String
    ) -> DoctorCheck {
        do {
            guard let repository = try GitRepository.discover(at: root) else {
                return .pass(name, "not a git repository: outputs are not committed, so nothing is shared")
            }
            let remotes = try repository.remotes()
            guard !remotes.isEmpty else { return .pass(name, "no remote: \(ref) stays in this clone") }
            var lines: [String] = []
            for remote in remotes {
                if !remote.fetches(ref) {
                    lines.append("git config --add remote.\(remote.name).fetch '+\(ref):\(tracking(remote.name))'")
                }
                if !remote.pushes(ref) {
                    // A push refspec replaces git's default, so HEAD keeps 'git push' pushing the branch.
                    if remote.push.isEmpty && !lines.contains("git config --add remote.\(remote.name).push HEAD") {
                        lines.append("git config --add remote.\(remote.name).push HEAD")
                    }
                    lines.append("git config --add remote.\(remote.name).push \(ref)")
                }
            }
            guard !lines.isEmpty else {
                return .pass(
                    name, "\(ref) is fetched from and pushed to \(remotes.map(\.name).joined(separator: ", "))")
            }
            return .fail(
                name,
                "\(ref) is not fetched and pushed with every remote, so \(what) stays in this clone (Docs/Provenance.md, Sharing notes and answers)",
                fix: lines.joined(separator: "; "))
        } catch {
            return .fail(name, "the repository's config cannot be read: \(error)", fix: "check 'git config --list'")
        }
    }
}
