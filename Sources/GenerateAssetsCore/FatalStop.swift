import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// The first answer of a run that every other call would get too (the key is invalid, missing or lacks
/// permission; a daily quota is used up). Once it is seen, no new call starts: the assets not started fail
/// saying why, at no cost, instead of one rejected call each.
final class FatalStop: Sendable {
    private let first = LockedValue<ProviderError?>(nil)

    /// Keeps `error` when it stops the run and none did before.
    func note(_ error: ProviderError) {
        guard error.stopsRun else { return }
        first.withValue { if $0 == nil { $0 = error } }
    }

    /// The error to fail a call with before it starts, once the run was stopped.
    func refusal() -> ProviderError? {
        guard let stop = first.value else { return nil }
        return ProviderError(
            stop.kind, "not started: an earlier call was refused, and every call would be: \(stop.message)",
            fix: stop.fix, httpStatus: stop.httpStatus, attempts: 0)
    }
}

extension GenerateEngine {
    /// Before the run's first paid call, one free request asks the service whether it refuses the key; a refusal
    /// stops the run as a refused call would, so a wrong key costs no paid call whatever `--jobs`. It costs a
    /// healthy run one round trip (holding every call until a first answer proved the key would cost it one
    /// whole answer, a minute with 3 Pro at 4K). `--batch` needs none: its submit is a single request.
    func checkKey(before calls: [AssetPlan]) async {
        guard !options.batch, let first = calls.first else { return }
        if let refusal = await context.provider.keyRefusal(model: first.asset.modelID) { fatalStop.note(refusal) }
    }
}
