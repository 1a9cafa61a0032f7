import AssetManifest
import AssetPlanner
import AssetProviders
import Testing

@testable import GenerateAssetsCore

/// A judge's answer turned into a verdict: a question it left out is not a pass.
@Suite struct CheckVerdictTests {
    @Test func aQuestionTheJudgeLeftUnansweredFails() {
        let checks = ImageChecks(expect: ["Is there a fox?", "Is it snowing?", "Is it night?"])
        let judgement = Judgement(
            textFound: "",
            answers: [
                JudgeAnswerItem(question: "Is there a fox?", yes: true, reason: "a red fox in the middle"),
                JudgeAnswerItem(question: "Is it night?", yes: false, reason: "daylight"),
            ])
        let verdict = CheckJudging.verdict(judgement, checks: checks, variant: 2)
        #expect(!verdict.passed)
        #expect(verdict.variant == 2)
        #expect(verdict.results.map(\.check) == checks.expect, "one result per question, in the order asked")
        #expect(verdict.results.map(\.passed) == [true, false, false])
        #expect(verdict.results.map(\.reason) == ["yes: a red fox in the middle", "not answered", "no: daylight"])
    }
}
