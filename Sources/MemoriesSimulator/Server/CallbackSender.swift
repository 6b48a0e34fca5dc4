import Foundation
import Logging
import MemoriesClient

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs callbacks to the webhook URL, once each (upstream's retry policy is undocumented;
/// we assume at most one delivery, which is what a receiver must be ready for anyway).
enum CallbackSender {
    static func send(_ callback: OutgoingCallback, logger: Logger) async -> CallbackRecord {
        var request = URLRequest(url: callback.url)
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = APIReply.encode(callback.payload)
        let taskID = callback.payload.data?.taskID ?? ""
        let status = callback.payload.data?.status.rawValue ?? ""
        do {
            let (_, response) = try await URLSession.shared.dataAbandoningOnCancel(for: request)
            let code = (response as? HTTPURLResponse)?.statusCode ?? 0
            logger.info("callback sent", metadata: ["task": "\(taskID)", "http_status": "\(code)"])
            return CallbackRecord(taskID: taskID, status: status, outcome: (200..<300).contains(code) ? "sent" : "failed", httpStatus: code)
        } catch {
            logger.warning("callback failed", metadata: ["task": "\(taskID)", "error": "\(error)"])
            return CallbackRecord(taskID: taskID, status: status, outcome: "failed", error: String(describing: error))
        }
    }
}

extension Simulator {
    /// Sends every callback that is due, concurrently, and records the outcomes.
    public func deliverDueCallbacks() async {
        let due = collectDueCallbacks()
        guard !due.isEmpty else { return }
        let logger = self.logger
        let records = await withTaskGroup(of: CallbackRecord.self) { group in
            for callback in due {
                group.addTask { await CallbackSender.send(callback, logger: logger) }
            }
            var records: [CallbackRecord] = []
            for await record in group { records.append(record) }
            return records
        }
        for record in records { recordCallback(record) }
    }
}
