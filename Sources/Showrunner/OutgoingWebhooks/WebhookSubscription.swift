import Foundation
import GRDB

/// A URL an organisation has asked to be told of events at.
struct WebhookSubscription: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    var id: Int64
    var organizationId: Int64
    var url: String
    var events: String
    var sealedSecret: Data
    var createdByUserId: Int64?
    var createdAt: Date
    var disabledAt: Date?

    static let databaseTableName = "webhookSubscription"

    var eventSet: Set<WebhookEvent> { Set(events.split(separator: ",").compactMap { WebhookEvent(rawValue: String($0)) }) }
}

/// One event sent (or to be sent) to one subscription.
struct WebhookDelivery: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        case pending, delivered, failed
    }

    var id: Int64
    var organizationId: Int64
    var subscriptionId: Int64
    var event: String
    var payload: String
    var status: Status
    var attempts: Int
    var nextAttemptAt: Date?
    var lastAttemptAt: Date?
    var lastStatusCode: Int?
    var lastError: String?
    var deliveredAt: Date?
    var leaseOwner: String?
    var leaseExpiresAt: Date?
    var createdAt: Date

    static let databaseTableName = "webhookDelivery"
}
