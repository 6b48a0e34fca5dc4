import Foundation

/// What a login session stores: who is logged in and since when.
public struct UserSession: Codable, Sendable, Equatable {
    public var userId: Int64
    public var authenticatedAt: Date
}
