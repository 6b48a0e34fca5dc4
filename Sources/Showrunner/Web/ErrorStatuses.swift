import HTTPTypes

// The one place where data-layer errors become HTTP statuses; the repositories that throw
// them know nothing of HTTP.

extension DomainError: UserFacingError {
    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        }
    }

    var userMessage: String {
        switch self {
        case .notFound: ErrorPageMiddleware<AppRequestContext>.defaultMessage(for: .notFound)
        case .conflict(let message), .invalid(let message): message
        }
    }
}

extension MembershipError: UserFacingError {
    var status: HTTPResponse.Status {
        switch self {
        case .notAllowed, .onlyOwnersManageOwners: .forbidden
        case .lastOwner, .alreadyMember: .conflict
        }
    }
}

extension InvitationError: UserFacingError {
    var status: HTTPResponse.Status {
        switch self {
        case .unknown: .notFound
        case .otherEmail: .forbidden
        default: .gone
        }
    }
}
