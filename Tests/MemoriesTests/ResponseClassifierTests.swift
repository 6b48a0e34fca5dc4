import Foundation
import MemoriesClient
import Testing

/// The status → error mapping, including the legacy forms upstream has used.
@Suite struct ResponseClassifierTests {
    func classify(_ status: Int, _ body: String) -> Result<AssetMetadata, MemoriesError> {
        Result { () throws(MemoriesError) in
            try ResponseClassifier.decodePayload(AssetMetadata.self, status: status, body: Data(body.utf8))
        }
    }

    @Test func httpStatusDecidesBeforeTheEnvelope() {
        // A 503 with a body claiming success is still a server error.
        let result = classify(503, #"{"code":200,"msg":"success","data":null}"#)
        #expect(result == .failure(.serverError(status: 503, message: "success")))
    }

    @Test func legacyStringCodesOnHTTP200AreHonoured() {
        #expect(classify(200, #"{"code":"0401","msg":"auth"}"#) == .failure(.unauthorized(message: "auth")))
        #expect(classify(200, #"{"code":"0402","msg":"points"}"#) == .failure(.insufficientBalance(message: "points")))
        #expect(classify(200, #"{"code":"0429","msg":"busy"}"#) == .failure(.rateLimited(message: "busy")))
        let ok = classify(200, #"{"code":"0000","msg":"ok","data":{"total":0,"resource":[]}}"#)
        #expect(ok == .success(AssetMetadata(total: 0, resource: [])))
    }

    @Test func failedFlagOverridesASuccessCode() {
        #expect(classify(200, #"{"code":200,"msg":"nope","failed":true}"#) == .failure(.invalidRequest(message: "nope")))
    }

    @Test func nonJSONErrorsKeepTheirStatus() {
        #expect(classify(502, "<html>Bad Gateway</html>") == .failure(.serverError(status: 502, message: "HTTP 502")))
        guard case .failure(.malformedResponse) = classify(200, "<html>") else {
            Issue.record("expected malformedResponse")
            return
        }
    }

    @Test func theDocumentedLimitMessageIsRateLimiting() {
        #expect(ResponseClassifier.error(status: 400, message: "Request has exceeded the limit.") == .rateLimited(message: "Request has exceeded the limit."))
        #expect(ResponseClassifier.error(status: 400, message: "Invalid request parameters") == .invalidRequest(message: "Invalid request parameters"))
    }

    @Test func pricingRoundsUpPerEpisode() {
        #expect(ScreenplayPricing.episodeCostCents(durationSeconds: 60) == 100)
        #expect(ScreenplayPricing.episodeCostCents(durationSeconds: 60.1) == 200)
        #expect(ScreenplayPricing.taskCostCents(episodeDurations: [30, 30]) == 200)
        #expect(ScreenplayPricing.downloadCostCents(originalFileBytes: 2_000_000_000) == 24)
    }
}
