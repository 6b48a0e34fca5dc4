import Foundation
import MemoriesClient

/// Everything needed to assemble one task's zip, taken from the actor so the (slow) work
/// runs outside it.
struct ResultPackageSpec: Sendable {
    let taskID: String
    let episodes: [SimulatedTask.Episode]
    let language: String?
    let outputs: OutputFlags
    let faceRecognition: Bool
    let useSubtitle: Bool
    let paddingBytes: Int64
    let malformedJSON: Bool
    let truncate: Bool
}

enum DownloadDecision: Sendable {
    case reply(APIReply)
    case build(ResultPackageSpec)
}

extension Simulator {
    /// `GET /screenplay/tasks/{id}/download`: checks (documented messages, invented status
    /// codes), charges $0.12/GB of the episodes' original sizes, then hands back what to build.
    func prepareDownload(apiKey: String, taskID: String) -> DownloadDecision {
        guard let task = ownedTask(taskID, apiKey: apiKey) else { return .reply(.taskNotFound(taskID)) }
        let state = task.status(at: now()).status
        guard state == .completed else { return .reply(.notCompleted(state)) }
        guard !faults.emptyResults else { return .reply(.noFiles) }

        let originalBytes = task.episodes.reduce(Int64(0)) { $0 + $1.asset.fileSizeBytes }
        let fee = ScreenplayPricing.downloadCostCents(originalFileBytes: originalBytes)
        let balance = balance(forKey: apiKey)
        guard fee <= balance else { return .reply(.downloadBalance) }
        balances[apiKey] = balance - fee
        ledgerEntries.append(
            LedgerEntry(kind: .download, taskID: taskID, account: LedgerEntry.maskedKey(apiKey), amountCents: fee, balanceAfterCents: balance - fee)
        )
        let config = task.request.config
        return .build(
            ResultPackageSpec(
                taskID: task.id, episodes: task.episodes, language: config.language, outputs: task.outputs,
                faceRecognition: config.useFaceRecognition ?? false, useSubtitle: config.useSubtitle ?? false,
                paddingBytes: max(0, faults.zipPaddingBytes), malformedJSON: faults.malformedJSONInZip, truncate: faults.truncateZip
            )
        )
    }
}
