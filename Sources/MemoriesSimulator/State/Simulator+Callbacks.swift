import Foundation
import MemoriesClient

/// A callback ready to POST.
struct OutgoingCallback: Sendable {
    let url: URL
    let payload: ScreenplayCallback
}

extension Simulator {
    /// Finds tasks that reached `completed` or `failed` since the last call and returns their
    /// callbacks (none for cancelled tasks; none at all without a webhook URL).
    func collectDueCallbacks() -> [OutgoingCallback] {
        let reading = now()
        var due: [OutgoingCallback] = []
        for id in taskOrder {
            guard var task = tasks[id], !task.callbackHandled else { continue }
            let status = task.status(at: reading)
            guard status.status == .completed || status.status == .failed else { continue }
            task.callbackHandled = true
            tasks[id] = task
            guard !faults.dropCallbacks else {
                callbackLog.append(CallbackRecord(taskID: id, status: status.status.rawValue, outcome: "dropped"))
                continue
            }
            guard let url = webhookURL else { continue }
            due.append(OutgoingCallback(url: url, payload: Self.callback(for: task, status: status)))
        }
        return due
    }

    func recordCallback(_ record: CallbackRecord) {
        callbackLog.append(record)
    }

    /// Invented details: failures use `code` 500 and `message` "FAILED" (so receivers must
    /// decide on `data.status`, as the docs advise); the top-level id follows configuration.
    static func callback(for task: SimulatedTask, status: TaskStatus) -> ScreenplayCallback {
        let completed = status.status == .completed
        return ScreenplayCallback(
            code: EnvelopeCode(completed ? 200 : 500),
            message: completed ? "SUCCESS" : "FAILED",
            taskID: task.callbackRequestID,
            data: CallbackData(taskID: task.id, status: status.status, errorCode: status.errorCode, errorMessage: status.errorMessage)
        )
    }
}
