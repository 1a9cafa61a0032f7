import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

/// `models`: what the service offers now, and where each model the manifest uses stands. Listing is free.
package enum ModelsRunner {
    /// One model the service lists.
    package struct Offered: Sendable, Codable {
        package var id: String
        package var displayName: String?
        /// True when the project's model table (built in or `models:`) knows it as an image model. Ids are never
        /// parsed to guess, so an image model this release does not know reads as false.
        package var image: Bool

        enum CodingKeys: String, CodingKey {
            case id, image
            case displayName = "display_name"
        }
    }

    /// Where one model the manifest uses stands.
    package struct Used: Sendable, Codable {
        package var id: String
        /// `built-in`, `declared` (in `models:`) or `unknown` (neither).
        package var source: String
        package var assets: [String]
        package var deprecatedOn: String?
        package var shutdownOn: String?
        package var shutdownConfirmed: Bool?
        package var pastShutdown: Bool
        package var replacement: String?
        package var offered: Bool

        enum CodingKeys: String, CodingKey {
            case id, source, assets, offered, replacement
            case deprecatedOn = "deprecated_on"
            case shutdownOn = "shutdown_on"
            case shutdownConfirmed = "shutdown_confirmed"
            case pastShutdown = "past_shutdown"
        }

        /// "built in, deprecated on 2026-10-06 (use gemini-nano-banana-2.1), not offered".
        package var summary: String {
            var parts = [source == "built-in" ? "built in" : source == "declared" ? "declared in models:" : "unknown"]
            if let deprecatedOn { parts.append("deprecated on \(deprecatedOn)") }
            if pastShutdown, let shutdownOn {
                parts.append("past its \(shutdownConfirmed == false ? "reported " : "")shutdown date (\(shutdownOn))")
            }
            if let replacement, deprecatedOn != nil || pastShutdown { parts.append("use \(replacement)") }
            parts.append(offered ? "offered" : "not offered by the service")
            return parts.joined(separator: ", ")
        }
    }

    package struct Report: Sendable, Codable {
        /// Image models first, then the rest, each by id.
        package var offered: [Offered]
        package var manifest: [Used]
    }

    /// Lists the service's models and compares the manifest's with them.
    /// - Parameter provider: the client to ask; nil: the Gemini client the project's settings describe.
    package static func report(
        options: ProjectOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemClock(), provider: GeminiProvider? = nil
    ) async throws -> Report {
        let project = try ProjectContext.validate(options)
        let client = try provider ?? gemini(project: project, options: options, environment: environment)
        let offered = try await client.listModels()
        return report(project: project, offered: offered, today: day(clock.now()))
    }

    /// The report for a project and a list already fetched.
    package static func report(project: ResolvedProject, offered: [OfferedModel], today: String) -> Report {
        let catalog = project.catalog
        let listed = offered.map { Offered(id: $0.id, displayName: $0.displayName, image: catalog.model($0.id) != nil) }
            .sorted { ($0.image ? 0 : 1, $0.id) < ($1.image ? 0 : 1, $1.id) }
        let ids = Set(offered.map(\.id))
        var users: [String: [String]] = [:]
        for asset in project.assets { users[asset.modelID, default: []].append(asset.id) }
        for declared in project.catalog.models where declared.declaredAt != nil {
            users[declared.id, default: []] += []
        }
        let used = users.keys.sorted().map { id in
            let row = catalog.model(id)
            let retirement = row?.retirement
            return Used(
                id: id, source: row == nil ? "unknown" : row?.declaredAt == nil ? "built-in" : "declared",
                assets: users[id] ?? [], deprecatedOn: retirement?.deprecatedOn, shutdownOn: retirement?.shutdownOn,
                shutdownConfirmed: retirement.map(\.shutdownConfirmed),
                pastShutdown: retirement?.isPastShutdown(today: today) ?? false,
                replacement: retirement?.replacements.first, offered: ids.contains(id))
        }
        return Report(offered: listed, manifest: used)
    }

    /// The Gemini client the project's settings describe, whatever provider the project generates with.
    static func gemini(project: ResolvedProject, options: ProjectOptions, environment: [String: String]) throws
        -> GeminiProvider
    {
        let settings = try GeminiSettings.resolve(
            api: project.api, baseURLOverride: options.baseURL, environment: environment)
        return GeminiProvider(settings: settings)
    }

    /// YYYY-MM-DD in UTC.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
