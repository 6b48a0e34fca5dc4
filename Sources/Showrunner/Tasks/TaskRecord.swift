import Foundation
import GRDB

/// One screenplay task as stored. `status` follows upstream once the submit answered;
/// `resultStatus` is our download and ingest pipeline after `completed`.
struct TaskRecord: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    enum Status: String, Codable, Sendable, DatabaseValueConvertible, CaseIterable {
        case submitting, rejected
        case outcomeUnknown = "outcome_unknown"
        case pending, running, completed, failed, cancelled

        /// Nothing more will happen upstream.
        var isFinal: Bool { ![.submitting, .pending, .running].contains(self) }
        var isCancellable: Bool { self == .pending || self == .running }

        var label: String {
            switch self {
            case .submitting: "Submitting"
            case .rejected: "Rejected"
            case .outcomeUnknown: "Outcome unknown"
            case .pending: "Pending"
            case .running: "Running"
            case .completed: "Completed"
            case .failed: "Failed"
            case .cancelled: "Cancelled"
            }
        }
    }

    enum ResultStatus: String, Codable, Sendable, DatabaseValueConvertible {
        case none, downloading, downloaded
        case downloadFailed = "download_failed"
        case ingesting, ingested
        case ingestFailed = "ingest_failed"

        var label: String {
            switch self {
            case .none: "—"
            case .downloading: "Downloading"
            case .downloaded: "Downloaded"
            case .downloadFailed: "Download failed"
            case .ingesting: "Ingesting"
            case .ingested: "Ingested"
            case .ingestFailed: "Ingest failed"
            }
        }
    }

    var id: Int64
    var organizationId: Int64
    var projectId: Int64
    var dramaId: Int64
    var upstreamKeyId: Int64?
    var credentialKind: String
    var accountFingerprint: String
    var submitTokenHash: String
    var mode: String
    var requestJSON: String
    var episodeCount: Int
    var estimatedCostCents: Int
    var unknownDurationCount: Int
    var status: Status
    var upstreamTaskId: String?
    var upstreamCreatedAt: String?
    var totalDurationSeconds: Double?
    var reportedCostCents: Int?
    var progressCompleted: Int?
    var progressTotal: Int?
    var errorCode: String?
    var errorMessage: String?
    var resultStatus: ResultStatus
    var artifactPath: String?
    var artifactBytes: Int64?
    var resultError: String?
    var resubmittedFromTaskId: Int64?
    var submittedByUserId: Int64?
    var cancelledByUserId: Int64?
    var nextCheckAt: Date?
    var checkFailures: Int
    var downloadAttempts: Int
    var checkRequestedAt: Date?
    var claimedAt: Date?
    var leaseOwner: String?
    var leaseExpiresAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var finishedAt: Date?
    /// The Showrunner API key it was submitted with (the API or the gateway), if any.
    var apiKeyId: Int64?

    static let databaseTableName = "task"

    var accountKind: UpstreamAccount.Kind { UpstreamAccount.Kind(rawValue: credentialKind) ?? .simulator }
}
