import Crypto
import Foundation
import Hummingbird
import MemoriesClient

/// Submitting a drama's episodes: the form, the review step (exact body, estimate, budget)
/// and the confirm, which carries a one-time token so a double click, a back-button
/// resubmit or a second tab never creates a second upstream task.
struct SubmitController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }
    var episodes: EpisodeRepository { EpisodeRepository(database: dependencies.database) }
    var tasks: TaskRepository { TaskRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.newTask, use: new)
        group.post(SiteURL.OrgRoute.newTask, use: change)
        group.post(SiteURL.OrgRoute.reviewTask, use: review)
        group.post(SiteURL.OrgRoute.createTask, use: confirm)
    }

    @Sendable func new(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        var options = SubmitOptions(form: nil, defaultLanguage: found.drama.language)
        if let range = request.uri.queryParameters.get("episodes"), !range.isEmpty { options.selectionText = String(range.prefix(2000)) }
        var notice: String?
        // Resubmitting: the earlier task's parameters, for this organisation's tasks only.
        if let fromId = request.uri.queryParameters.get("from").flatMap({ Int64($0) }),
            let earlier = try await tasks.find(organizationId: context.organizationId, id: fromId), earlier.dramaId == found.drama.id
        {
            if let request = try? JSONDecoder().decode(SubmitTaskRequest.self, from: Data(earlier.requestJSON.utf8)) {
                options = SubmitOptions(resubmitting: request, selection: options.selectionText, from: earlier.id)
            }
            notice = "Resubmitting task #\(earlier.id) with its settings. memories.ai charges again for every episode sent, "
                + "including any it already extracted."
        }
        return try await form(found, options: options, errors: [:], notice: notice, context: context)
    }

    /// "Change the options" on the review page: the form again, with everything as chosen.
    @Sendable func change(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let options = SubmitOptions(form: try await FormFields.parse(request), defaultLanguage: found.drama.language)
        return try await form(found, options: options, errors: [:], context: context)
    }

    @Sendable func review(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let options = SubmitOptions(form: try await FormFields.parse(request), defaultLanguage: found.drama.language)
        let problems = options.problems
        guard problems.isEmpty else {
            return try await form(found, options: options, errors: problems, context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let plan = try await makePlan(found.drama, options: options, context: context)
        // Nothing to send at all: say why next to the episodes field, not on a review page.
        if plan.items.isEmpty {
            return try await form(
                found, options: options, errors: ["episodes": plan.blockers.joined(separator: " ")], context: context, status: .unprocessableContent
            ).response(from: request, context: context)
        }
        return try await reviewPage(found, options: options, plan: plan, context: context).html.response(from: request, context: context)
    }

    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let fields = try await FormFields.parse(request)
        let options = SubmitOptions(form: fields, defaultLanguage: found.drama.language)
        guard options.problems.isEmpty, let token = fields["submit_token"], token.count >= 20, token.count <= 100 else {
            return try await form(found, options: options, errors: options.problems, context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let plan = try await makePlan(found.drama, options: options, context: context)
        // The episodes may have changed since the review: never send something nobody saw.
        if fields["reviewed_body"] != Self.digest(plan.requestJSON(pretty: false)) || !plan.blockers.isEmpty {
            var page = try await reviewPage(found, options: options, plan: plan, context: context)
            page.status = .conflict
            page.notice = "The episodes changed since you reviewed this task. Check the request again before confirming."
            return try page.html.response(from: request, context: context)
        }
        let account = try await accounts.forNewTask(organizationId: context.organizationId)
        let submitter = TaskSubmitter(tasks: TaskSubmitStore(database: dependencies.database), accounts: accounts, pollInterval: dependencies.configuration.pollInterval, logger: context.logger)
        let outcome: TaskSubmitter.Outcome
        do {
            outcome = try await submitter.submit(
                plan: plan, drama: found.drama, account: account, tokenHash: SecureToken.sha256Hex(token), userId: context.userId,
                resubmittedFrom: try await resubmittedFrom(options, context: context)
            )
        } catch let exceeded as TaskSubmitStore.BudgetExceeded {
            var page = try await reviewPage(found, options: options, plan: plan, context: context)
            page.status = .unprocessableContent
            page.notice = exceeded.message
            return try page.html.response(from: request, context: context)
        }
        let org = context.slug
        if case .submitted(let id) = outcome {
            await dependencies.audit(
                options.resubmittedFrom == nil ? .taskSubmitted : .taskResubmitted, context, request, target: ("task", String(id)),
                "Task #\(id): \(plan.items.count) episodes of \(found.drama.title), estimated \(Money.format(cents: plan.estimateCents))"
                    + (options.resubmittedFrom.map { ", repeating task #\($0)." } ?? ".")
            )
        }
        switch outcome {
        case .submitted(let id):
            let target = account.kind == .simulator ? "the simulator" : "memories.ai"
            return dependencies.redirect(to: .task(org: org, id: id), "Submitted to \(target). This page updates as the task runs.")
        case .duplicate(let id):
            return dependencies.redirect(to: .task(org: org, id: id), "This task was already submitted; nothing was sent twice.", kind: .info)
        case .rejected(let id, let message):
            // Back to the review, input kept: nothing was created or charged upstream, so
            // confirming again (say, after fixing the webhook) is a new attempt with a new token.
            var fresh = options
            fresh.submitToken = SecureToken.generate()
            var page = try await reviewPage(found, options: fresh, plan: plan, context: context)
            page.status = .unprocessableContent
            page.notice = "\(message) Nothing was created or charged; task #\(id) keeps a record of the attempt."
            return try page.html.response(from: request, context: context)
        case .unknown(let id):
            return dependencies.redirect(
                to: .task(org: org, id: id),
                "memories.ai did not answer. The task may exist upstream and was not retried; see what to check below.", kind: .error
            )
        }
    }

    var accounts: UpstreamAccounts { dependencies.accounts }

    /// Only a task of this organisation can be the one resubmitted.
    func resubmittedFrom(_ options: SubmitOptions, context: Context) async throws -> Int64? {
        guard let id = options.resubmittedFrom else { return nil }
        return try await tasks.find(organizationId: context.organizationId, id: id)?.id
    }

    func makePlan(_ drama: Drama, options: SubmitOptions, context: Context) async throws -> SubmitPlan {
        let all = try await episodes.all(organizationId: context.organizationId, dramaId: drama.id, includeArchived: true)
        return SubmitPlan.make(episodes: all, options: options)
    }

    func form(
        _ found: DramaRepository.WithProject, options: SubmitOptions, errors: [String: String], notice: String? = nil, context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let org = context.slug
        let totals = try await dramas.totals(organizationId: context.organizationId, dramaId: found.drama.id)
        let account = try await accounts.forNewTask(organizationId: context.organizationId)
        let page = SubmitFormPage(
            chrome: PageChrome(
                title: "Extract screenplays — \(found.drama.title)", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "New task", url: nil)]
            ),
            dramaTitle: found.drama.title,
            actionURL: SiteURL.reviewTask(org: org, dramaId: found.drama.id).path,
            cancelURL: SiteURL.drama(org: org, id: found.drama.id).path,
            options: options, errors: errors, notice: notice,
            episodeSummary: "\(totals.episodes) active episodes, \(EpisodeDuration.minutes(totals.seconds)) in all.",
            upstreamNote: account.kind == .simulator
                ? "No memories.ai key is configured: this task runs on the built-in simulator (offline, free, generated content)."
                : "This task will be sent with \(account.label)."
        )
        return try dependencies.renderer.render(page, template: "tasks/new", status: status)
    }

    /// The review page, adjustable (status, notice) by the confirm path.
    struct Review {
        var page: SubmitReviewPage
        var renderer: PageRenderer
        var status: HTTPResponse.Status = .ok
        var notice: String?

        var html: HTML {
            get throws {
                var page = page
                page.notice = notice
                return try renderer.render(page, template: "tasks/review", status: status)
            }
        }
    }

    func reviewPage(_ found: DramaRepository.WithProject, options: SubmitOptions, plan: SubmitPlan, context: Context) async throws -> Review {
        let org = context.slug
        let account = try await accounts.forNewTask(organizationId: context.organizationId)
        let budget = found.project.monthlyBudgetCents
        var budgetNote: String?
        var budgetBlocked = false
        if let budget {
            let spent = try await tasks.monthSpend(organizationId: context.organizationId, projectId: found.project.id)
            let after = spent + plan.budgetCents
            budgetBlocked = after > budget
            budgetNote = "Project budget this month: \(Money.format(cents: budget)); spent so far \(Money.format(cents: spent)); "
                + "after this task \(Money.format(cents: after))"
                + (plan.unknownDurationNumbers.isEmpty ? "" : " (episodes of unknown length counted at $5.00 each)")
                + (budgetBlocked ? " — over budget, so it cannot be submitted." : ".")
        }
        let unknown = plan.unknownDurationNumbers
        let body = plan.requestJSON(pretty: false)
        let hidden = options.hiddenFields + [HiddenField(name: "reviewed_body", value: Self.digest(body))]
        let page = SubmitReviewPage(
            chrome: PageChrome(
                title: "Review task — \(found.drama.title)", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "Review task", url: nil)]
            ),
            dramaTitle: found.drama.title,
            rows: plan.items.map {
                .init(
                    number: $0.number, title: $0.title, assetId: $0.assetId,
                    duration: $0.durationSeconds.map(EpisodeDuration.format) ?? "unknown",
                    cost: $0.durationSeconds == nil ? "?" : Money.format(cents: $0.costCents), unknown: $0.durationSeconds == nil
                )
            },
            blockers: plan.blockers, notice: nil,
            requestBody: plan.requestJSON(pretty: true),
            estimate: Money.format(cents: plan.estimateCents),
            unknownNote: unknown.isEmpty
                ? nil
                : "Episode \(SubmitPlan.list(unknown)) \(unknown.count == 1 ? "has" : "have") no known duration, so the estimate leaves \(unknown.count == 1 ? "it" : "them") out; memories.ai charges them too.",
            budgetNote: budgetNote, budgetBlocked: budgetBlocked, accountLabel: account.label,
            confirmURL: SiteURL.createTask(org: org, dramaId: found.drama.id).path,
            backURL: SiteURL.newTask(org: org, dramaId: found.drama.id).path,
            hidden: hidden, options: options.hiddenFields, canSubmit: true, isSimulated: account.kind == .simulator
        )
        return Review(page: page, renderer: dependencies.renderer)
    }

    /// A short digest of the reviewed body, to notice changes between review and confirm.
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
