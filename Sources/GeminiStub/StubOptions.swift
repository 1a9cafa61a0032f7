import AssetSupport
import Foundation

extension GeminiStub {
    /// How the stub behaves; every default is the real service's.
    package struct Options: Sendable {
        /// The only key accepted.
        package var apiKey: String
        /// Added to every answer.
        package var latency: TimeInterval
        /// Noisy pixels that barely compress, so 4K answers have realistic sizes.
        package var noisyImages = false
        /// Play a proxy that still serves models past their shutdown date (gemini-2.5-flash-image); Google answers 404.
        package var servesRetiredModels: Bool
        /// The largest `generateContent` body accepted (20 MB in the seeds); larger ones answer 400.
        package var inlineLimitBytes = 20_971_520
        /// How long an uploaded file lives (48 hours at Google).
        package var fileTTL: TimeInterval = 48 * 3600
        /// The time files expire and `afterSeconds` batches finish by (a `ManualClock` in tests, never a sleep).
        package var clock: any WallClock = SystemClock()
        /// Seconds a synchronous call takes before its first byte, by `model:size` (e.g. `gemini-3-pro-image:4K`) or `model`;
        /// added to `latency`.
        package var latencyFor: [String: TimeInterval] = [:]
        /// The largest `batchGenerateContent` body accepted: inline batch requests stay at 20 MB.
        package var batchInlineLimitBytes = 20_971_520
        /// When batches finish, unless a test scripts one with `scriptBatch`.
        package var batchSchedule = BatchSchedule.afterPolls(2)
        /// Batch requests with these keys answer an error object.
        package var batchFailKeys: Set<String> = []
        /// The answer format by model id (PNG when absent); a scripted `.answerFormat` fault wins for its request.
        package var answerFormats: [String: AnswerFormat] = [:]
        /// The host a File API upload URL names instead of the stub's own (a broken or hostile proxy); nil: its own.
        package var uploadHost: String?
        /// A download answers a 307 to a signed storage URL on this host (the stub under another name), as a
        /// storage front end may; the storage URL needs its signature, not the key. nil: bytes served directly.
        package var downloadRedirectHost: String?
        /// Requested model → the model that answers instead (`--serve-as`), as Google routes retired ids to their
        /// replacements since 2026-10-08: the answer is the serving model's, and its `modelVersion` names it.
        package var serveAs: [String: String] = [:]
        /// The most `models.list` entries a page holds, whatever `pageSize` asks (Google: 1000).
        package var modelsPageLimit = 1000
        /// The judge's scripted answers (`--judge "Is there one fox?=no@1"`).
        package var judgeScripts: [JudgeScript] = []
        /// Holds answers until a test lets them go (tests count calls in flight with it instead of a latency).
        package var gate: StubGate?

        package init(apiKey: String = "stub-key", latency: TimeInterval = 0, servesRetiredModels: Bool = false) {
            self.apiKey = apiKey
            self.latency = latency
            self.servesRetiredModels = servesRetiredModels
        }

        /// The extra seconds for one call: `model:size` first, then `model`.
        func latency(model: String?, imageSize: String?) -> TimeInterval {
            guard let model else { return 0 }
            return latencyFor["\(model):\(imageSize ?? "")"] ?? latencyFor[model] ?? 0
        }
    }
}
