import AssetSupport
import Foundation

extension GeminiStub {
    /// The next `times` requests whose path ends with `suffix` are carried out (a batch is created, say) and
    /// then their connection is closed before the answer: the service did the work, the client never heard.
    package func loseAnswers(toPathEnding suffix: String, times: Int = 1) {
        answersToLose.withValue { $0[suffix, default: 0] += times }
    }

    /// `.dropConnection` when this request's answer is to be lost.
    func takeLostAnswer(_ path: String) -> StubFault? {
        answersToLose.withValue { lose in
            guard let suffix = lose.keys.first(where: { path.hasSuffix($0) && lose[$0]! > 0 }) else { return nil }
            lose[suffix]! -= 1
            return .dropConnection
        }
    }

    /// The most requests the stub was answering at one time (waiting out latency included).
    package var mostConcurrentRequests: Int { concurrency.value.most }
}
