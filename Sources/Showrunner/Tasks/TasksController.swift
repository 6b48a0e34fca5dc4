import Foundation
import Hummingbird
import MemoriesClient
import NIOCore
import NIOPosix

/// Task history, the task page, cancel, resubmit and retry. Live updates are in
/// `TaskLiveController`, downloads in `TaskArtifactsController`.
struct TasksController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var tasks: TaskRepository { TaskRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.tasks, use: index)
        group.get(SiteURL.OrgRoute.task(.show), use: show)
        group.post(SiteURL.OrgRoute.task(.cancel), use: cancel)
        group.post(SiteURL.OrgRoute.task(.resubmit), use: resubmit)
        group.post(SiteURL.OrgRoute.task(.retry), use: retry)
        group.post(SiteURL.OrgRoute.task(.attach), use: attach)
    }

    // MARK: History

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func index(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderIndex(request, context: context) }
    }

    func renderIndex(_ request: Request, context: Context) async throws -> HTML {
        let parameters = request.uri.queryParameters
        var filter = TaskRepository.Filter()
        filter.status = parameters.get("status").flatMap(TaskRecord.Status.init(rawValue:))
        filter.projectId = parameters.get("project").flatMap { Int64($0) }
        filter.dramaId = parameters.get("drama").flatMap { Int64($0) }
        filter.submitterId = parameters.get("submitter").flatMap { Int64($0) }
        filter.since = parameters.get("since").flatMap { DisplayFormat.parseDay($0) }
        filter.until = parameters.get("until").flatMap { DisplayFormat.parseDay($0) }.map { $0.addingTimeInterval(86_400) }
        let query = ListQuery(request: request, sorts: TaskRepository.sorts, defaultSort: "created", defaultDescending: true, pageSize: 25)
        let page = try await tasks.list(organizationId: context.organizationId, filter: filter, query: query)
        let members = try await dependencies.organizations.members(organizationId: context.organizationId)
        let choices = try await tasks.filterChoices(organizationId: context.organizationId)
        let org = context.slug
        var heading = "Tasks"
        var trail: [PageChrome.Crumb] = [.init(label: "Tasks", url: nil)]
        if let dramaId = filter.dramaId, let found = try await DramaRepository(database: dependencies.database).find(organizationId: context.organizationId, id: dramaId) {
            heading = "Tasks — \(found.drama.title)"
            trail = CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "Tasks", url: nil)]
        } else if let projectId = filter.projectId, let project = try await ProjectRepository(database: dependencies.database).find(organizationId: context.organizationId, id: projectId) {
            heading = "Tasks — \(project.name)"
            trail = CatalogTrail.project(org, project) + [.init(label: "Tasks", url: nil)]
        }
        let path = SiteURL.tasks(org: org).path
        func link(page number: Int) -> String {
            var items = parameters.compactMap { key, value -> String? in
                key == "page" ? nil : "\(key)=\(String(value).addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")"
            }
            items.append("page=\(number)")
            return path + "?" + items.joined(separator: "&")
        }
        let pageCount = max(1, (page.total + page.query.pageSize - 1) / page.query.pageSize)
        let first = page.total == 0 ? 0 : page.query.offset + 1
        let view = TaskListPage(
            chrome: PageChrome(title: heading, context: context, trail: trail),
            heading: heading,
            rows: page.rows.map { Self.row($0, org: org) },
            statuses: [.init(value: "", label: "Any status", selected: filter.status == nil)]
                + TaskRecord.Status.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: filter.status == $0) },
            submitters: [.init(value: "", label: "Anyone", selected: filter.submitterId == nil)]
                + members.map { .init(value: String($0.userId), label: $0.displayName, selected: filter.submitterId == $0.userId) },
            projects: [.init(value: "", label: "Any project", selected: filter.projectId == nil)]
                + choices.projects.map { .init(value: String($0.id), label: $0.name, selected: filter.projectId == $0.id) },
            dramas: [.init(value: "", label: "Any drama", selected: filter.dramaId == nil)]
                + choices.dramas.map { .init(value: String($0.id), label: $0.title, selected: filter.dramaId == $0.id) },
            since: parameters.get("since").map { String($0.prefix(10)) } ?? "",
            until: parameters.get("until").map { String($0.prefix(10)) } ?? "",
            formURL: path, total: page.total,
            previousURL: page.query.page > 1 ? link(page: page.query.page - 1) : nil,
            nextURL: page.query.page < pageCount ? link(page: page.query.page + 1) : nil,
            rangeLabel: "\(first)–\(min(page.query.offset + page.query.pageSize, page.total)) of \(page.total)",
            hiddenFilters: [],
            live: page.rows.contains { $0.progressView.hasWorkLeft },
            isFiltered: filter != TaskRepository.Filter(),
            clearURL: path
        )
        return try dependencies.renderer.render(view, template: "tasks/index")
    }

    static func row(_ task: TaskRepository.Summary, org: String) -> TaskRow {
        TaskRow(
            id: task.id, url: SiteURL.task(org: org, id: task.id).path, status: task.status.label, statusClass: task.status.rawValue,
            result: task.progressView.resultLabel, drama: task.dramaTitle,
            dramaURL: SiteURL.drama(org: org, id: task.dramaId).path, project: task.projectName, episodes: task.episodeCount,
            progress: task.progressView.shortLabel,
            cost: Money.format(cents: task.estimatedCostCents), submitter: task.submitterName ?? "—",
            submitted: DisplayFormat.dateTime(task.createdAt), projectURL: SiteURL.project(org: org, id: task.projectId).path
        )
    }

    // MARK: One task

    func requireDetail(_ context: Context) async throws -> TaskRepository.Detail {
        let id = try context.parameters.require("task", as: Int64.self)
        guard let detail = try await tasks.detail(organizationId: context.organizationId, id: id) else { throw HTTPError(.notFound) }
        return detail
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderShow(request, context: context) }
    }

    func renderShow(_ request: Request, context: Context) async throws -> HTML {
        let detail = try await requireDetail(context)
        let task = detail.task
        let org = context.slug
        let canAct = context.role.isAtLeast(.member)
        let progress = task.progressView
        var artifacts: [TaskPage.Artifact] = []
        if let path = task.artifactPath, FileManager.default.fileExists(atPath: path) {
            artifacts.append(.init(label: "Result zip (\(DisplayFormat.bytes(task.artifactBytes ?? 0)))", url: SiteURL.taskArtifact(org: org, id: task.id, name: "result.zip").path))
            if let archive = try? ResultArchive(contentsOf: URL(fileURLWithPath: path)) {
                for workbook in archive.workbooks {
                    let url = SiteURL.taskArtifact(org: org, id: task.id, name: workbook.name).path
                    let stem = workbook.name.replacingOccurrences(of: ".xlsx", with: "")
                    if Int(stem) != nil {
                        artifacts.append(.init(label: "Episode \(stem)", url: url, perEpisode: true))
                    } else {
                        artifacts.append(.init(label: stem == "merged" ? "Merged XLSX (all episodes)" : workbook.name, url: url))
                    }
                }
            }
        }
        let hasMissing = task.status.isFinal && detail.episodes.contains { $0.sceneCount == nil }
        let page = TaskPage(
            chrome: PageChrome(
                title: "Task #\(task.id)", context: context,
                trail: CatalogTrail.drama(org, detail.project, detail.drama) + [
                    .init(label: "Tasks", url: SiteURL.tasks(org: org).path + "?drama=\(detail.drama.id)"), .init(label: "#\(task.id)", url: nil),
                ]
            ),
            id: task.id, status: task.status.label, statusClass: task.status.rawValue,
            result: progress.resultLabel,
            dramaTitle: detail.drama.title, dramaURL: SiteURL.drama(org: org, id: detail.drama.id).path,
            upstreamTaskId: task.upstreamTaskId, submitter: detail.submitterName ?? "—", submitted: DisplayFormat.dateTime(task.createdAt),
            account: Self.accountLabel(task),
            estimate: Money.format(cents: task.estimatedCostCents) + (task.unknownDurationCount > 0 ? " (+\(task.unknownDurationCount) episodes of unknown length)" : ""),
            reported: task.totalDurationSeconds.map { "\(EpisodeDuration.format($0)) of video in all" },
            upstreamName: task.accountKind == .simulator ? "the simulator" : "memories.ai",
            progressPercent: progress.percent, progressLabel: progress.label,
            errorCode: task.errorCode, errorMessage: task.errorMessage, resultError: task.resultError,
            outcomeUnknown: task.status == .outcomeUnknown, attempts: detail.attempts,
            requestBody: Self.pretty(task.requestJSON),
            events: detail.events.map {
                .init(time: DisplayFormat.preciseTime($0.createdAt), kind: $0.kind, message: $0.message, actor: $0.actorName)
            },
            episodes: detail.episodes.map { episode in
                .init(
                    number: episode.episodeNumber,
                    url: episode.episodeId.map { SiteURL.storyboard(org: org, episodeId: $0).path },
                    assetId: episode.assetId, duration: episode.durationSeconds.map(EpisodeDuration.format) ?? "unknown",
                    cost: episode.durationSeconds == nil ? "?" : Money.format(cents: episode.estimatedCostCents),
                    scenes: episode.sceneCount.map(String.init) ?? "—", shots: episode.shotCount.map(String.init) ?? "—",
                    lines: episode.lineCount.map(String.init) ?? "—"
                )
            },
            artifacts: artifacts,
            canCancel: canAct && task.status.isCancellable,
            canResubmit: canAct && task.status.isFinal,
            canResubmitMissing: canAct && hasMissing,
            canRetry: canAct && (task.resultStatus == .downloadFailed || task.resultStatus == .ingestFailed),
            cancelURL: SiteURL.task(org: org, id: task.id, action: .cancel).path,
            resubmitURL: SiteURL.task(org: org, id: task.id, action: .resubmit).path,
            retryURL: SiteURL.task(org: org, id: task.id, action: .retry).path,
            attachURL: SiteURL.task(org: org, id: task.id, action: .attach).path,
            eventsURL: SiteURL.task(org: org, id: task.id, action: .events).path + (detail.events.last.map { "?after=\($0.id)" } ?? ""),
            live: progress.hasWorkLeft,
            resubmittedFromURL: task.resubmittedFromTaskId.map { SiteURL.task(org: org, id: $0).path }
        )
        return try dependencies.renderer.render(page, template: "tasks/show")
    }

    static func accountLabel(_ task: TaskRecord) -> String {
        switch task.accountKind {
        case .organization: "an organisation key"
        case .server: "the server's key"
        case .simulator: "the built-in simulator"
        }
    }

    static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Actions

    @Sendable func cancel(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let task = try await requireDetail(context).task
        let canceller = TaskCanceller(tasks: tasks, queue: TaskQueue(database: dependencies.database), accounts: accounts)
        let outcome = try await canceller.cancel(task, by: context.userId)
        if outcome == .cancelled { await dependencies.audit(.taskCancelled, context, request, target: ("task", String(task.id)), "Cancelled task #\(task.id).") }
        return dependencies.redirect(to: .task(org: context.slug, id: task.id), outcome.message, kind: outcome == .cancelled ? .success : .error)
    }

    /// Resubmit goes through the normal review step with the same parameters, so the cost is
    /// seen again and the one-time token protects it like any submit.
    @Sendable func resubmit(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let detail = try await requireDetail(context)
        let fields = try await FormFields.parse(request)
        var numbers = detail.episodes.map(\.episodeNumber)
        if fields["only"] == "missing" {
            numbers = detail.episodes.filter { $0.sceneCount == nil }.map(\.episodeNumber)
        }
        guard !numbers.isEmpty else {
            return dependencies.redirect(to: .task(org: context.slug, id: detail.task.id), "Every episode of this task has a storyboard.", kind: .info)
        }
        let selection = SubmitPlan.list(numbers.sorted()).replacingOccurrences(of: "–", with: "-")
        let target = SiteURL.newTask(org: context.slug, dramaId: detail.drama.id).path + "?episodes="
            + (selection.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "") + "&from=\(detail.task.id)"
        return .redirect(to: target, type: .normal)
    }

    @Sendable func retry(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let detail = try await requireDetail(context)
        try await tasks.retryResult(organizationId: context.organizationId, taskId: detail.task.id, by: context.userId)
        return dependencies.redirect(to: .task(org: context.slug, id: detail.task.id), "Retrying. This page updates as it goes.")
    }

    /// "I found it in the console": link an outcome-unknown task to its upstream id.
    @Sendable func attach(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let detail = try await requireDetail(context)
        let id = (try await FormFields.parse(request))["upstream_task_id"] ?? ""
        let allowed = id.count >= 4 && id.count <= 100 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard allowed else {
            return dependencies.redirect(
                to: .task(org: context.slug, id: detail.task.id), "That does not look like a memories.ai task id (e.g. ros-sd-20260313-a3f8c2b1).", kind: .error
            )
        }
        try await tasks.attachUpstreamTask(organizationId: context.organizationId, taskId: detail.task.id, upstreamTaskId: id, by: context.userId)
        return dependencies.redirect(to: .task(org: context.slug, id: detail.task.id), "Linked. Showrunner now tracks it like any other task.")
    }

    var accounts: UpstreamAccounts { dependencies.accounts }
}
