import Foundation
import Hummingbird
import NIOCore

/// Server-Sent Events for the task page and the task lists; the pages' scripts write what
/// arrives with `textContent` only, and the pages work without them (reload).
struct TaskLiveController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var tasks: TaskRepository { TaskRepository(database: dependencies.database) }

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
                    let inFlight = states.contains { $0.progressView.hasWorkLeft }
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
        let taskId = try context.parameters.require("task", as: Int64.self)
        let organizationId = context.organizationId
        let repository = tasks
        guard try await repository.find(organizationId: organizationId, id: taskId) != nil else { throw HTTPError(.notFound) }
        // The page says which timeline entry it already shows (?after=), a reconnecting browser
        // which one it saw last, so nothing is missed or shown twice.
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
                    // Each second: the task row and only the timeline entries not sent yet.
                    guard let (task, newEvents) = try await repository.progress(organizationId: organizationId, id: taskId, eventsAfter: lastEvent)
                    else { break }
                    if task.updatedAt != lastSeen || !newEvents.isEmpty {
                        lastSeen = task.updatedAt
                        lastEvent = newEvents.last?.id ?? lastEvent
                        let update = LiveTaskUpdate(task: task, events: newEvents)
                        let data = (try? JSONEncoder().encode(update)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                        try await writer.write(ByteBuffer(string: "id: \(lastEvent)\nevent: task\ndata: \(data)\n\n"))
                    } else {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                    if !task.progressView.hasWorkLeft { break }
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
        let progress = task.progressView
        status = task.status.label
        statusClass = task.status.rawValue
        result = progress.resultLabel
        progressPercent = progress.percent
        progressLabel = progress.label
        finished = !progress.hasWorkLeft
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
        result = task.progressView.resultLabel
        progress = task.progressView.shortLabel
    }
}
