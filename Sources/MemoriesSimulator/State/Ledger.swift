import Foundation

/// One charge against an account (invented bookkeeping; upstream has no balance API).
public struct LedgerEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case submit
        case download
    }

    public var kind: Kind
    public var taskID: String
    /// The account's key, shortened (never log whole keys).
    public var account: String
    public var amountCents: Int
    public var balanceAfterCents: Int

    enum CodingKeys: String, CodingKey {
        case kind
        case taskID = "task_id"
        case account
        case amountCents = "amount_cents"
        case balanceAfterCents = "balance_after_cents"
    }

    static func maskedKey(_ key: String) -> String {
        key.count <= 10 ? "***" : String(key.prefix(6)) + "…" + String(key.suffix(4))
    }
}

/// What happened to a task's callback.
public struct CallbackRecord: Codable, Sendable, Equatable {
    public var taskID: String
    public var status: String
    /// `sent`, `failed` (the receiver did not answer 2xx) or `dropped` (fault switch).
    public var outcome: String
    public var httpStatus: Int?
    public var error: String?

    public init(taskID: String, status: String, outcome: String, httpStatus: Int? = nil, error: String? = nil) {
        self.taskID = taskID
        self.status = status
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status, outcome
        case httpStatus = "http_status"
        case error
    }
}
