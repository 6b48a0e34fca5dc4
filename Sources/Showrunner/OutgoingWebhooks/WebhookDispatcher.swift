import Foundation
import Logging
import MemoriesClient
import ServiceLifecycle
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends queued webhook deliveries: signed, with a short timeout, never following redirects,
/// retried with backoff, each claimed under a lease so two processes never send the same one.
/// It runs on its own, so a slow or dead receiver never delays the task tracker.
final class WebhookDispatcher: Service, Sendable {
    struct Settings: Sendable {
        var tick: Duration = .seconds(1)
        var timeout: TimeInterval = 5
        /// Waits before the 2nd, 3rd, … attempt; after the last, the delivery has failed.
        var backoff: [TimeInterval] = [10, 60, 300, 1800, 7200]
        var batch = 8
        var policy = WebhookTargetPolicy(allowsPrivateAddresses: false)
    }

    let repository: WebhookRepository
    let settings: Settings
    let logger: Logger
    let owner = "webhooks-\(UUID().uuidString)"

    static let userAgent = "Showrunner-Webhooks/1"

    init(repository: WebhookRepository, settings: Settings, logger: Logger) {
        self.repository = repository
        self.settings = settings
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.runOnce()
                try? await Task.sleep(for: self.settings.tick)
            }
        }
    }

    /// Sends every due delivery of one claim, concurrently.
    func runOnce() async {
        let claimed: [(WebhookDelivery, WebhookSubscription)]
        do {
            claimed = try await repository.claimDue(owner: owner, limit: settings.batch, leaseSeconds: settings.timeout * 4)
        } catch {
            logger.error("could not claim webhook deliveries", metadata: ["error": "\(error)"])
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for (delivery, subscription) in claimed {
                group.addTask { await self.deliver(delivery, to: subscription) }
            }
        }
    }

    func deliver(_ delivery: WebhookDelivery, to subscription: WebhookSubscription) async {
        let attempt = delivery.attempts + 1
        let retryAt = attempt <= settings.backoff.count ? Date().addingTimeInterval(settings.backoff[attempt - 1]) : nil
        var statusCode: Int?
        var failure: String?
        do {
            guard subscription.disabledAt == nil else { throw Failure("the endpoint is disabled") }
            guard let secret = repository.reveal(subscription) else { throw Failure("the endpoint's secret cannot be read") }
            let url = try settings.policy.check(subscription.url)
            let body = Array(delivery.payload.utf8)
            var request = URLRequest(url: url, timeoutInterval: settings.timeout)
            request.httpMethod = "POST"
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
            request.setValue(delivery.event, forHTTPHeaderField: "Showrunner-Event")
            request.setValue(String(delivery.id), forHTTPHeaderField: "Showrunner-Delivery")
            request.setValue(
                WebhookSigner.signature(secret: secret, timestamp: Int(Date().timeIntervalSince1970), body: body), forHTTPHeaderField: WebhookSigner.header
            )
            statusCode = try await send(request)
            if let code = statusCode, !(200..<300).contains(code) { failure = "answered HTTP \(code)" }
        } catch let refusal as WebhookTargetPolicy.Refusal {
            failure = refusal.description
        } catch let error as Failure {
            failure = error.reason
        } catch {
            failure = "could not connect: \(error.localizedDescription)"
        }
        let delivered = statusCode.map { (200..<300).contains($0) } ?? false
        do {
            try await repository.record(
                deliveryId: delivery.id, owner: owner, statusCode: statusCode, error: failure, retryAt: delivered ? nil : retryAt
            )
        } catch {
            logger.error("could not record a webhook delivery", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
        if !delivered {
            logger.notice(
                "webhook delivery failed",
                metadata: ["delivery": "\(delivery.id)", "attempt": "\(attempt)", "reason": "\(failure ?? "")", "final": "\(retryAt == nil)"]
            )
        }
    }

    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The status code of one POST (the body is not read beyond what URLSession buffers).
    private func send(_ request: URLRequest) async throws -> Int {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout * 2
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        // A redirect would send a signed body somewhere the admin did not register: never follow one.
        let session = URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.dataAbandoningOnCancel(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
