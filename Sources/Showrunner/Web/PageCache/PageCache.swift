import Hummingbird
import Synchronization

/// Rendered pages kept in memory and served again while their organisation's page generation
/// stands still.
///
/// Migration 0018 keeps one counter per organisation that triggers bump on every write to
/// what the tenant pages show (catalog, tasks, runs, reviews, member names, the search
/// index); the session query reads it with the organisation (`OrganizationAccess`). A page is
/// kept under its organisation, the viewer's role (pages show other buttons by role) and its
/// URL, tagged with the generation read *before* its data: a write in between only makes the
/// next request render again. The database holds the counter, so a write by another process
/// on the same file is seen on the next request.
///
/// What belongs to the viewer (CSRF token, name, address) is `ViewerText`: the kept page
/// remembers where those were written and a hit writes the current viewer's values there.
/// Pages with a flash message, pages rendered by the interpreter (template reloading) and
/// anything but 200 are never kept. A kept page is also rendered again after `maximumAge`:
/// a few pages read the clock (this month's spend on the dashboard and the project page).
public final class PageCache: Sendable {
    struct Key: Hashable, Sendable {
        let organizationId: Int64
        let role: Role
        let uri: String
    }

    struct Entry: Sendable {
        let generation: Int64
        let bytes: [UInt8]
        let holes: [ViewerHole]
        let renderedAt: ContinuousClock.Instant
        var lastUsed: UInt64
    }

    struct State: Sendable {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// At most this many bytes of pages; 0 turns the cache off.
    let byteLimit: Int
    let maximumAge: Duration
    /// Longer URLs are not kept (a crafted query string must not fill the cache).
    static let maximumURILength = 512
    private let state = Mutex(State())

    public init(byteLimit: Int, maximumAge: Duration = .seconds(60)) {
        self.byteLimit = byteLimit
        self.maximumAge = maximumAge
    }

    public var isEnabled: Bool { byteLimit > 0 }

    /// The page for `uri`, from memory when it was rendered at `generation`, else from `render`
    /// (kept when it can be).
    func page(
        uri: String, organizationId: Int64, role: Role, generation: Int64, viewer: ViewerValues, hasFlash: Bool,
        render: () async throws -> HTML
    ) async throws -> HTML {
        guard isEnabled, !hasFlash, uri.utf8.count <= Self.maximumURILength else { return try await render() }
        let key = Key(organizationId: organizationId, role: role, uri: uri)
        let now = ContinuousClock.now
        if let entry = lookup(key, generation: generation, now: now) {
            return Self.html(entry, for: viewer)
        }
        let html = try await render()
        if html.status == .ok, let holes = html.viewerHoles {
            store(Entry(generation: generation, bytes: html.bytes, holes: holes, renderedAt: now, lastUsed: 0), under: key)
        }
        return html
    }

    /// Pages kept and their bytes (as `StoryboardCache.usage`).
    var usage: (pages: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    private func lookup(_ key: Key, generation: Int64, now: ContinuousClock.Instant) -> Entry? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            guard entry.generation == generation, now - entry.renderedAt < maximumAge else {
                // Dead for good (the counter only rises): its bytes go now, not at eviction.
                state.entries[key] = nil
                state.bytes -= entry.bytes.count
                return nil
            }
            state.clock += 1
            entry.lastUsed = state.clock
            state.entries[key] = entry
            return entry
        }
    }

    private func store(_ entry: Entry, under key: Key) {
        guard entry.bytes.count <= byteLimit / 8 else { return }
        state.withLock { state in
            state.clock += 1
            var entry = entry
            entry.lastUsed = state.clock
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.bytes.count }
            state.bytes += entry.bytes.count
            guard state.bytes > byteLimit else { return }
            // Over the limit: drop the least recently used down to three quarters, so the sort
            // runs once per many stores rather than on each.
            for (oldKey, old) in state.entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                guard state.bytes > byteLimit / 4 * 3 else { break }
                state.entries[oldKey] = nil
                state.bytes -= old.bytes.count
            }
        }
    }

    /// The kept page with `viewer`'s values in the holes.
    static func html(_ entry: Entry, for viewer: ViewerValues) -> HTML {
        var out = HTMLWriter(capacity: entry.bytes.count + 128)
        var position = 0
        for hole in entry.holes {
            out.rendered(entry.bytes[position..<hole.start])
            out.viewer(ViewerText(hole.slot, viewer[hole.slot]))
            position = hole.end
        }
        out.rendered(entry.bytes[position...])
        return HTML(bytes: out.bytes, viewerHoles: out.viewerHoles)
    }
}

extension PageCache {
    /// The tenant page `request` asks for, kept per organisation, role and URL (see above).
    func page(_ request: Request, context: OrganizationContext, render: () async throws -> HTML) async throws -> HTML {
        try await page(
            uri: request.uri.description, organizationId: context.organizationId, role: context.role,
            generation: context.access.pageGeneration,
            viewer: ViewerValues(csrfToken: context.csrfToken, displayName: context.user.displayName, email: context.user.email),
            hasFlash: context.flash != nil, render: render)
    }
}
