import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MemoriesClient

/// Tasks through the API: estimate (dry run) and submit a drama's episodes, list, get, cancel
/// and resubmit. Submits have the pages' protections — the budget checked in the same
/// transaction, no episode sent that cannot be — and `Idempotency-Key` in place of the form's
/// one-time token: a retried request with the same key returns the first task.
struct APITasksController {
    let dependencies: AppDependencies

    var tasks: APITaskRepository { APITaskRepository(database: dependencies.database) }
    var taskRecords: TaskRepository { TaskRepository(database: dependencies.database) }

    func register(in handlers: inout APIHandlers) {
        handlers.add("createTask", createTask)
        handlers.add("listTasks", listTasks)
        handlers.add("getTask", getTask)
        handlers.add("cancelTask", cancelTask)
        handlers.add("resubmitTask", resubmitTask)
    }

    @Sendable func listTasks(_ request: Request, context: APIContext) async throws -> Response {
        let paging = try APIPaging(request: request)
        let query = request.uri.queryParameters
        var filter = APITaskRepository.Filter()
        if let status = query.get("status") {
            guard let parsed = TaskRecord.Status(rawValue: status) else {
                let names = TaskRecord.Status.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalid("status must be one of \(names).", code: "invalid_parameter")
            }
            filter.status = parsed
        }
        filter.projectId = try Self.optionalId(query.get("project_id"), name: "project_id")
        filter.dramaId = try Self.optionalId(query.get("drama_id"), name: "drama_id")
        let rows = try await tasks.list(organizationId: context.organizationId, filter: filter, paging: paging)
        let page = paging.page(rows, key: \.id)
        return try APIJSON.response(APIList(data: page.rows.map { APITasks.Task($0) }, nextCursor: page.nextCursor))
    }

    static func optionalId(_ text: String?, name: String) throws -> Int64? {
        guard let text else { return nil }
        guard let id = Int64(text), id > 0 else { throw APIError.invalid("\(name) must be a positive id.", code: "invalid_parameter") }
        return id
    }

    @Sendable func getTask(_ request: Request, context: APIContext) async throws -> Response {
        guard let (task, episodes) = try await tasks.find(organizationId: context.organizationId, id: try context.id("task_id")) else {
            throw APIError.notFound("task")
        }
        return try APIJSON.response(APIItem(data: APITasks.Task(task, episodes: episodes)))
    }

    @Sendable func cancelTask(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.member)
        guard let (task, _) = try await tasks.find(organizationId: context.organizationId, id: try context.id("task_id")) else {
            throw APIError.notFound("task")
        }
        let canceller = TaskCanceller(tasks: taskRecords, queue: TaskQueue(database: dependencies.database), accounts: dependencies.accounts)
        let outcome = try await canceller.cancel(task, by: context.userId)
        switch outcome {
        case .cancelled:
            await dependencies.audit(.taskCancelled, context, request, target: ("task", String(task.id)), "Cancelled task #\(task.id) through the API.")
            return try await taskResponse(task.id, context: context)
        case .notCancellable(let status):
            throw APIError.conflict("Only pending or running tasks can be cancelled; this one is \(status.rawValue).", code: "not_cancellable")
        case .keyDeleted:
            throw APIError.conflict(outcome.message, code: "upstream_key_deleted")
        case .upstreamState, .refused:
            throw APIError.conflict(outcome.message, code: "not_cancellable")
        case .unreachable(let reason):
            throw APIError(status: .badGateway, code: "upstream_unreachable", message: reason)
        }
    }

    func taskResponse(_ id: Int64, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], context: APIContext) async throws -> Response {
        guard let (task, episodes) = try await tasks.find(organizationId: context.organizationId, id: id) else { throw APIError.notFound("task") }
        return try APIJSON.response(APIItem(data: APITasks.Task(task, episodes: episodes)), status: status, headers: headers)
    }

    @Sendable func createTask(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await APIJSON.decode(APITasks.SubmitBody.self, from: request, context: context)
        if body.dryRun != true { try context.require(.member) }
        guard let found = try await DramaRepository(database: dependencies.database).find(
            organizationId: context.organizationId, id: try context.id("drama_id")
        ) else { throw APIError.notFound("drama") }
        var options = SubmitOptions(form: nil, defaultLanguage: found.drama.language)
        options.selectionText = body.episodes.selectionText
        options.mode = body.mode ?? options.mode
        Self.apply(body.config, to: &options)
        return try await submit(options, found: found, dryRun: body.dryRun ?? false, request: request, context: context)
    }

    @Sendable func resubmitTask(_ request: Request, context: APIContext) async throws -> Response {
        let hasBody = (request.headers[.contentLength].flatMap(Int.init) ?? 1) > 0
        let body = hasBody ? try await APIJSON.decode(APITasks.ResubmitBody.self, from: request, context: context) : APITasks.ResubmitBody()
        if body.dryRun != true { try context.require(.member) }
        guard let detail = try await taskRecords.detail(organizationId: context.organizationId, id: try context.id("task_id")) else {
            throw APIError.notFound("task")
        }
        guard let earlier = try? JSONDecoder().decode(SubmitTaskRequest.self, from: Data(detail.task.requestJSON.utf8)) else {
            throw APIError.conflict("This task's request could not be read, so it cannot be repeated.", code: "not_resubmittable")
        }
        var numbers = detail.episodes.map(\.episodeNumber)
        if body.onlyMissing == true { numbers = detail.episodes.filter { $0.sceneCount == nil }.map(\.episodeNumber) }
        guard !numbers.isEmpty else { throw APIError.conflict("Every episode of this task has a storyboard.", code: "nothing_to_resubmit") }
        let options = SubmitOptions(resubmitting: earlier, selection: numbers.map(String.init).joined(separator: ","), from: detail.task.id)
        let found = DramaRepository.WithProject(drama: detail.drama, project: detail.project)
        return try await submit(options, found: found, dryRun: body.dryRun ?? false, request: request, context: context)
    }

    static func apply(_ config: APITasks.Config?, to options: inout SubmitOptions) {
        guard let config else { return }
        if let language = config.language { options.language = language }
        if let value = config.useFaceRecognition { options.useFaceRecognition = value }
        if let value = config.useSubtitle { options.useSubtitle = value }
        if let value = config.requireJson { options.requireJSON = value }
        if let value = config.requireXlsx { options.requireXLSX = value }
        if let value = config.requireMergeXlsx { options.requireMergeXLSX = value }
        if let value = config.concurrency {
            options.concurrency = value
            options.concurrencyText = String(value)
        }
    }

    /// The review and confirm steps of the pages in one: validate, plan, then (unless a dry
    /// run) submit with the idempotency key as the one-time token.
    func submit(
        _ options: SubmitOptions, found: DramaRepository.WithProject, dryRun: Bool, request: Request, context: APIContext
    ) async throws -> Response {
        if let (field, problem) = options.problems.sorted(by: { $0.key < $1.key }).first {
            let name = field == "outputs" ? "config" : field == "episodes" || field == "mode" ? field : "config.\(field)"
            throw APIError.invalid("\(name): \(problem)")
        }
        let organizationId = context.organizationId
        let all = try await EpisodeRepository(database: dependencies.database).all(organizationId: organizationId, dramaId: found.drama.id, includeArchived: true)
        let plan = SubmitPlan.make(episodes: all, options: options)
        let account = try await dependencies.accounts.forNewTask(organizationId: organizationId)
        if dryRun {
            return try APIJSON.response(APIItem(data: try await estimate(plan, found: found, account: account, organizationId: organizationId)))
        }
        guard plan.blockers.isEmpty else {
            throw APIError.conflict(plan.blockers.joined(separator: " "), code: "episodes_not_sendable")
        }
        let idempotencyKey = request.headers[.idempotencyKey]
        if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.count > 200 {
            throw APIError.invalid("Idempotency-Key must be 1 to 200 characters.", code: "invalid_idempotency_key")
        }
        // The key is scoped to the API key, so two clients cannot collide (or probe each other's).
        let tokenHash = SecureToken.sha256Hex("api-idempotency:\(context.key.id):\(idempotencyKey ?? SecureToken.generate())")
        let submitter = TaskSubmitter(
            tasks: TaskSubmitStore(database: dependencies.database), accounts: dependencies.accounts,
            pollInterval: dependencies.configuration.pollInterval, logger: context.logger
        )
        let outcome: TaskSubmitter.Outcome
        do {
            outcome = try await submitter.submit(
                plan: plan, drama: found.drama, account: account, tokenHash: tokenHash, userId: context.userId,
                resubmittedFrom: options.resubmittedFrom, apiKeyId: context.key.id
            )
        } catch let exceeded as TaskSubmitStore.BudgetExceeded {
            throw APIError.conflict(exceeded.message, code: "over_budget")
        }
        switch outcome {
        case .submitted(let id):
            await dependencies.audit(
                options.resubmittedFrom == nil ? .taskSubmitted : .taskResubmitted, context, request, target: ("task", String(id)),
                "Task #\(id) through the API: \(plan.items.count) episodes of \(found.drama.title), estimated \(Money.format(cents: plan.estimateCents))"
                    + (options.resubmittedFrom.map { ", repeating task #\($0)." } ?? ".")
            )
            return try await taskResponse(id, status: .created, headers: [.location: "/api/v1/tasks/\(id)"], context: context)
        case .duplicate(let id):
            guard let (first, _) = try await tasks.find(organizationId: organizationId, id: id) else { throw APIError.notFound("task") }
            guard first.requestJSON == plan.requestJSON(pretty: false) else {
                throw APIError.conflict(
                    "This Idempotency-Key was used for a different request (task \(id)). Use a new key for a new task.",
                    code: "idempotency_key_reused"
                )
            }
            return try await taskResponse(id, headers: [.location: "/api/v1/tasks/\(id)", .idempotentReplayed: "true"], context: context)
        case .rejected(let id, let message):
            throw APIError.conflict("\(message) Nothing was created or charged; task \(id) records the attempt.", code: "upstream_rejected")
        case .unknown(let id):
            // It may exist upstream: never retried automatically. The task says what to check.
            return try await taskResponse(id, status: .accepted, headers: [.location: "/api/v1/tasks/\(id)"], context: context)
        }
    }

    func estimate(_ plan: SubmitPlan, found: DramaRepository.WithProject, account: UpstreamAccount, organizationId: Int64) async throws -> APITasks.Estimate {
        var budget: APITasks.Budget?
        if let limit = found.project.monthlyBudgetCents {
            let spent = try await taskRecords.monthSpend(organizationId: organizationId, projectId: found.project.id)
            budget = .init(monthlyBudgetCents: limit, spentCents: spent, afterCents: spent + plan.budgetCents, allowed: spent + plan.budgetCents <= limit)
        }
        return APITasks.Estimate(
            dramaId: found.drama.id,
            episodes: plan.items.map {
                .init(episodeId: $0.episodeId, number: $0.number, assetId: $0.assetId, durationSeconds: $0.durationSeconds, estimatedCostCents: $0.costCents)
            },
            estimatedCostCents: plan.estimateCents, unknownDurationEpisodes: plan.unknownDurationNumbers, blockers: plan.blockers,
            budget: budget, account: account.kind.rawValue, request: plan.request
        )
    }
}
