import Foundation
import Hummingbird
import NIOCore

/// Server-Sent Events for the task page and the task lists; the pages' scripts write what
/// arrives with `textContent` only, and the pages work without them (reload).
struct TaskLiveController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var tasks: TaskRepository { TaskRepository(database: dependencies.database) }

    func requireDetail(_ context: Context) async throws -> TaskRepository.Detail {
        try await TasksController(dependencies: dependencies).requireDetail(context)
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.task(.events), use: events)
        group.get(SiteURL.OrgRoute.tasksLive, use: liveList)
    }

    /// Server-Sent Events for a history list: `tasks` events with the rows' changed states
    /// (`?ids=1,2,3`, at most 100, this organisation's only) until none is in flight.
    @Sendable func liveList(_ request: Request, context: Context) async throws -> Response {
        let ids = (request.uri.queryParameters.get("ids") ?? "").split(separator: ",").prefix(100).compactMap { Int64($0) }
        let organizationId = context.organizationId
        let repository = tasks
        let org = context.slug
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                var seen: [Int64: Date] = [:]
                let deadline = ContinuousClock.now + .seconds(600)
                while ContinuousClock.now < deadline, !Task.isCancelled {
                    let states = try await repository.states(organizationId: organizationId, ids: ids)
                    let changed = states.filter { seen[$0.id] != $0.updatedAt }
                    for task in changed { seen[task.id] = task.updatedAt }
                    if !changed.isEmpty {
                        let rows = changed.map { LiveRowUpdate(task: $0, org: org) }
                        let data = (try? JSONEncoder().encode(rows)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                        try await writer.write(ByteBuffer(string: "event: tasks\ndata: \(data)\n\n"))
                    } else {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                    let inFlight = states.contains { !$0.status.isFinal || ($0.status == .completed && TasksController.resultInFlight($0.resultStatus)) }
                    if !inFlight {
                        // Tells the page to stop; any other end of the stream is a reconnect.
                        try await writer.write(ByteBuffer(string: "event: done\ndata: {}\n\n"))
                        break
                    }
                    try await Task.sleep(for: .seconds(1))
                }
                try await writer.finish(nil)
            }
        )
    }

    /// Server-Sent Events: a `task` event with the task's state whenever it changes, until
    /// it has nothing left to do (or ten minutes pass; the browser reconnects).
    @Sendable func events(_ request: Request, context: Context) async throws -> Response {
        let detail = try await requireDetail(context)
        let taskId = detail.task.id
        let organizationId = context.organizationId
        let repository = tasks
        // A reconnecting browser says which timeline entry it saw last.
        // The page says which entry it already shows (?after=), so nothing written between the
        // render and the first message is missed or shown twice.
        let resumeAfter = request.headers[.lastEventID].flatMap { Int64($0) }
            ?? request.uri.queryParameters.get("after").flatMap { Int64($0) } ?? 0
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                var lastSeen: Date?
                var lastEvent: Int64 = resumeAfter
                let deadline = ContinuousClock.now + .seconds(600)
                while ContinuousClock.now < deadline, !Task.isCancelled {
                    guard let detail = try await repository.detail(organizationId: organizationId, id: taskId) else { break }
                    let task = detail.task
                    let newEvents = detail.events.filter { $0.id > lastEvent }
                    if task.updatedAt != lastSeen || !newEvents.isEmpty {
                        lastSeen = task.updatedAt
                        lastEvent = detail.events.last?.id ?? lastEvent
                        let update = LiveTaskUpdate(task: task, events: newEvents)
                        let data = (try? JSONEncoder().encode(update)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                        try await writer.write(ByteBuffer(string: "id: \(lastEvent)\nevent: task\ndata: \(data)\n\n"))
                    } else {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                    if task.status.isFinal, !(task.status == .completed && TasksController.resultInFlight(task.resultStatus)) { break }
                    try await Task.sleep(for: .seconds(1))
                }
                try await writer.finish(nil)
            }
        )
    }
}

/// What the task page's script receives; it writes these values with `textContent` only.
struct LiveTaskUpdate: Encodable {
    struct Event: Encodable {
        var time: String
        var message: String
        var actor: String?
    }

    var status: String
    var statusClass: String
    var result: String
    var progressPercent: Int
    var progressLabel: String
    var finished: Bool
    var events: [Event]

    init(task: TaskRecord, events: [TaskRepository.EventRow]) {
        let total = max(1, task.progressTotal ?? task.episodeCount)
        let done = task.status == .completed ? total : min(total, task.progressCompleted ?? 0)
        status = task.status.label
        statusClass = task.status.rawValue
        result = task.status == .completed ? task.resultStatus.label : ""
        progressPercent = done * 100 / total
        progressLabel = "\(done) of \(total) episodes"
        finished = task.status.isFinal && !(task.status == .completed && TasksController.resultInFlight(task.resultStatus))
        self.events = events.map { Event(time: DisplayFormat.preciseTime($0.createdAt), message: $0.message, actor: $0.actorName) }
    }
}

/// One history row's changing cells, written by the list's script with `textContent` only.
struct LiveRowUpdate: Encodable {
    var id: Int64
    var status: String
    var statusClass: String
    var result: String
    var progress: String

    init(task: TaskRecord, org: String) {
        id = task.id
        status = task.status.label
        statusClass = task.status.rawValue
        result = task.status == .completed ? task.resultStatus.label : ""
        progress = TasksController.progressLabel(completed: task.progressCompleted, total: task.progressTotal ?? task.episodeCount, status: task.status)
    }
}
