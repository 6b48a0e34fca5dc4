import Foundation
import GRDB

/// A one-time invite link into an organisation. Only the token's hash is stored.
public struct Invitation: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var organizationId: Int64
    public var tokenHash: String
    public var email: String?
    public var role: Role
    public var createdByUserId: Int64?
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedByUserId: Int64?
    public var revokedAt: Date?

    public static let databaseTableName = "invitation"

    public enum State: String, Sendable {
        case pending, accepted, revoked, expired
    }

    func state(at now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        if expiresAt <= now { return .expired }
        return .pending
    }
}
