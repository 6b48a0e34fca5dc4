import Foundation
import Hummingbird

/// Every page's path in one place: routes are registered from the same patterns that
/// view models use to build links, so the two cannot drift apart.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case signup
    case changePassword
    case organizations
    case newOrganization
    case switchOrganization(slug: String)
    case dashboard(org: String)
    case members(org: String)
    case memberRole(org: String, membershipId: Int64)
    case memberRemove(org: String, membershipId: Int64)
    case invitations(org: String)
    case invitationRevoke(org: String, invitationId: Int64)
    case invitation(token: String)
    case projects(org: String)
    case newProject(org: String)
    case project(org: String, id: Int64, action: ItemAction = .show)
    case newDrama(org: String, projectId: Int64)
    case drama(org: String, id: Int64, action: ItemAction = .show)
    case importEpisodes(org: String, dramaId: Int64, step: ImportStep = .form)
    case exportEpisodes(org: String, dramaId: Int64)
    case episodeUploads(org: String, dramaId: Int64)
    case episodeUploadsJSON(org: String, dramaId: Int64)
    case episodeUpload(org: String, dramaId: Int64, uploadId: Int64, UploadAction)
    case newEpisode(org: String, dramaId: Int64)
    case episode(org: String, id: Int64, action: ItemAction = .edit)
    case newTask(org: String, dramaId: Int64)
    case reviewTask(org: String, dramaId: Int64)
    case createTask(org: String, dramaId: Int64)
    case tasks(org: String)
    case task(org: String, id: Int64, action: TaskAction = .show)
    case taskArtifact(org: String, id: Int64, name: String)
    case upstreamSettings(org: String)
    case upstreamKey(org: String, id: Int64, action: KeyAction)
    case webhookRotate(org: String)
    case apiKeys(org: String)
    case webhooks(org: String)
    case audit(org: String)
    case webhookDelete(org: String, id: Int64)
    case webhookRedeliver(org: String, deliveryId: Int64)
    case apiKeyRevoke(org: String, id: Int64)
    case projectBudget(org: String, projectId: Int64)
    case storyboard(org: String, episodeId: Int64)
    case storyboardJSON(org: String, episodeId: Int64)
    case storyboardExport(org: String, episodeId: Int64, StoryboardExport)
    case transcript(org: String, episodeId: Int64)
    case episodeVideo(org: String, episodeId: Int64)
    case episodeReview(org: String, episodeId: Int64)
    case episodeCurrentRun(org: String, episodeId: Int64)
    case episodeComments(org: String, episodeId: Int64)
    case comment(org: String, episodeId: Int64, commentId: Int64, CommentAction)
    case characters(org: String, dramaId: Int64)
    case character(org: String, dramaId: Int64, characterId: Int64)
    case dramaExport(org: String, dramaId: Int64, StoryboardExport)
    case search(org: String)
    case webhook(token: String)
    case health
    case stylesheet

    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .signup: "/signup"
        case .changePassword: "/account/password"
        case .organizations: "/orgs"
        case .newOrganization: "/orgs/new"
        case .switchOrganization(let slug): "/orgs/\(slug)/switch"
        case .dashboard(let org): "/o/\(org)"
        case .members(let org): "/o/\(org)/members"
        case .memberRole(let org, let id): "/o/\(org)/members/\(id)/role"
        case .memberRemove(let org, let id): "/o/\(org)/members/\(id)/remove"
        case .invitations(let org): "/o/\(org)/invitations"
        case .invitationRevoke(let org, let id): "/o/\(org)/invitations/\(id)/revoke"
        case .invitation(let token): "/invite/\(token)"
        case .projects(let org): "/o/\(org)/projects"
        case .newProject(let org): "/o/\(org)/projects/new"
        case .project(let org, let id, let action): "/o/\(org)/projects/\(id)" + action.suffix
        case .newDrama(let org, let projectId): "/o/\(org)/projects/\(projectId)/dramas/new"
        case .drama(let org, let id, let action): "/o/\(org)/dramas/\(id)" + action.suffix
        case .importEpisodes(let org, let dramaId, let step): "/o/\(org)/dramas/\(dramaId)/import" + step.suffix
        case .exportEpisodes(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/episodes.csv"
        case .episodeUploads(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/uploads"
        case .episodeUploadsJSON(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/uploads.json"
        case .episodeUpload(let org, let dramaId, let uploadId, let action): "/o/\(org)/dramas/\(dramaId)/uploads/\(uploadId)/\(action.rawValue)"
        case .newEpisode(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/episodes/new"
        case .episode(let org, let id, let action): "/o/\(org)/episodes/\(id)" + action.suffix
        case .newTask(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/tasks/new"
        case .reviewTask(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/tasks/review"
        case .createTask(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/tasks"
        case .tasks(let org): "/o/\(org)/tasks"
        case .task(let org, let id, let action): "/o/\(org)/tasks/\(id)" + action.suffix
        case .taskArtifact(let org, let id, let name): "/o/\(org)/tasks/\(id)/artifacts/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")"
        case .upstreamSettings(let org): "/o/\(org)/settings/upstream"
        case .upstreamKey(let org, let id, let action): "/o/\(org)/settings/upstream/keys/\(id)/\(action.rawValue)"
        case .webhookRotate(let org): "/o/\(org)/settings/upstream/webhook/rotate"
        case .apiKeys(let org): "/o/\(org)/settings/api-keys"
        case .webhooks(let org): "/o/\(org)/settings/webhooks"
        case .audit(let org): "/o/\(org)/settings/audit"
        case .webhookDelete(let org, let id): "/o/\(org)/settings/webhooks/\(id)/delete"
        case .webhookRedeliver(let org, let id): "/o/\(org)/settings/webhooks/deliveries/\(id)/redeliver"
        case .apiKeyRevoke(let org, let id): "/o/\(org)/settings/api-keys/\(id)/revoke"
        case .projectBudget(let org, let projectId): "/o/\(org)/projects/\(projectId)/budget"
        case .storyboard(let org, let id): "/o/\(org)/episodes/\(id)/storyboard"
        case .storyboardJSON(let org, let id): "/o/\(org)/episodes/\(id)/storyboard.json"
        case .storyboardExport(let org, let id, let export): "/o/\(org)/episodes/\(id)/\(export.fileName)"
        case .transcript(let org, let id): "/o/\(org)/episodes/\(id)/transcript"
        case .episodeVideo(let org, let id): "/o/\(org)/episodes/\(id)/video"
        case .episodeReview(let org, let id): "/o/\(org)/episodes/\(id)/review"
        case .episodeCurrentRun(let org, let id): "/o/\(org)/episodes/\(id)/current-run"
        case .episodeComments(let org, let id): "/o/\(org)/episodes/\(id)/comments"
        case .comment(let org, let id, let commentId, let action): "/o/\(org)/episodes/\(id)/comments/\(commentId)/\(action.rawValue)"
        case .characters(let org, let dramaId): "/o/\(org)/dramas/\(dramaId)/characters"
        case .character(let org, let dramaId, let characterId): "/o/\(org)/dramas/\(dramaId)/characters/\(characterId)"
        case .dramaExport(let org, let dramaId, let export): "/o/\(org)/dramas/\(dramaId)/\(export.fileName)"
        case .search(let org): "/o/\(org)/search"
        case .webhook(let token): "/hooks/memories/\(token)"
        case .health: "/healthz"
        case .stylesheet: "/static/css/app.css"
        }
    }

    /// The path as a route pattern, for pages whose path has no parameters.
    var route: RouterPath { RouterPath(path) }

    /// What to do with one project, drama or episode; each is a path suffix.
    public enum ItemAction: String, Sendable, CaseIterable {
        case show, edit, archive, restore, delete

        var suffix: String { self == .show ? "" : "/\(rawValue)" }
    }

    public enum TaskAction: String, Sendable, CaseIterable {
        case show, cancel, resubmit, retry, events, attach

        var suffix: String { self == .show ? "" : "/\(rawValue)" }
    }

    public enum KeyAction: String, Sendable, CaseIterable {
        case test, makeDefault = "default", disable, enable, delete
    }

    public enum UploadAction: String, Sendable, CaseIterable {
        case retry, dismiss
    }

    public enum CommentAction: String, Sendable, CaseIterable {
        case resolve, reopen
    }

    public enum ImportStep: String, Sendable {
        case form, preview

        var suffix: String { self == .form ? "" : "/preview" }
    }

    /// Route patterns, relative to the organisation group `/o/:org`.
    enum OrgRoute {
        static let dashboard: RouterPath = ""
        static let members: RouterPath = "members"
        static let memberRole: RouterPath = "members/:membership/role"
        static let memberRemove: RouterPath = "members/:membership/remove"
        static let invitations: RouterPath = "invitations"
        static let invitationRevoke: RouterPath = "invitations/:invitation/revoke"
        static let projects: RouterPath = "projects"
        static let newProject: RouterPath = "projects/new"
        static let project: RouterPath = "projects/:project"
        static func project(_ action: ItemAction) -> RouterPath { RouterPath("projects/:project/\(action.rawValue)") }
        static let newDrama: RouterPath = "projects/:project/dramas/new"
        static let drama: RouterPath = "dramas/:drama"
        static func drama(_ action: ItemAction) -> RouterPath { RouterPath("dramas/:drama/\(action.rawValue)") }
        static let importEpisodes: RouterPath = "dramas/:drama/import"
        static let importPreview: RouterPath = "dramas/:drama/import/preview"
        static let exportEpisodes: RouterPath = "dramas/:drama/episodes.csv"
        static let episodeUploads: RouterPath = "dramas/:drama/uploads"
        static let episodeUploadsJSON: RouterPath = "dramas/:drama/uploads.json"
        static func episodeUpload(_ action: UploadAction) -> RouterPath { RouterPath("dramas/:drama/uploads/:upload/\(action.rawValue)") }
        static let newEpisode: RouterPath = "dramas/:drama/episodes/new"
        static func episode(_ action: ItemAction) -> RouterPath { RouterPath("episodes/:episode/\(action.rawValue)") }
        static let newTask: RouterPath = "dramas/:drama/tasks/new"
        static let reviewTask: RouterPath = "dramas/:drama/tasks/review"
        static let createTask: RouterPath = "dramas/:drama/tasks"
        static let tasks: RouterPath = "tasks"
        static let tasksLive: RouterPath = "tasks/live"
        static func task(_ action: TaskAction) -> RouterPath { RouterPath(action == .show ? "tasks/:task" : "tasks/:task/\(action.rawValue)") }
        static let taskArtifact: RouterPath = "tasks/:task/artifacts/:name"
        static let upstreamSettings: RouterPath = "settings/upstream"
        static let upstreamKeys: RouterPath = "settings/upstream/keys"
        static func upstreamKey(_ action: KeyAction) -> RouterPath { RouterPath("settings/upstream/keys/:key/\(action.rawValue)") }
        static let webhookRotate: RouterPath = "settings/upstream/webhook/rotate"
        static let apiKeys: RouterPath = "settings/api-keys"
        static let webhooks: RouterPath = "settings/webhooks"
        static let audit: RouterPath = "settings/audit"
        static let webhookDelete: RouterPath = "settings/webhooks/:endpoint/delete"
        static let webhookRedeliver: RouterPath = "settings/webhooks/deliveries/:delivery/redeliver"
        static let apiKeyRevoke: RouterPath = "settings/api-keys/:key/revoke"
        static let projectBudget: RouterPath = "projects/:project/budget"
        static let episode: RouterPath = "episodes/:episode"
        static let storyboard: RouterPath = "episodes/:episode/storyboard"
        static let storyboardJSON: RouterPath = "episodes/:episode/storyboard.json"
        static func storyboardExport(_ export: StoryboardExport) -> RouterPath { RouterPath("episodes/:episode/\(export.fileName)") }
        static let transcript: RouterPath = "episodes/:episode/transcript"
        static let episodeVideo: RouterPath = "episodes/:episode/video"
        static let episodeReview: RouterPath = "episodes/:episode/review"
        static let episodeCurrentRun: RouterPath = "episodes/:episode/current-run"
        static let episodeComments: RouterPath = "episodes/:episode/comments"
        static func comment(_ action: CommentAction) -> RouterPath { RouterPath("episodes/:episode/comments/:comment/\(action.rawValue)") }
        static let characters: RouterPath = "dramas/:drama/characters"
        static let character: RouterPath = "dramas/:drama/characters/:character"
        static func dramaExport(_ export: StoryboardExport) -> RouterPath { RouterPath("dramas/:drama/\(export.fileName)") }
        static let search: RouterPath = "search"
    }
}
