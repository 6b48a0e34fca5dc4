import Mustache

/// A create or edit form for a project, drama or episode (`catalog/form`).
struct EditorPage: PageViewModel {
    var chrome: PageChrome
    var heading: String
    var form: FormState
    var actionURL: String
    var submitLabel: String
    var cancelURL: String
    /// Archive/restore and delete, on the edit page of an existing episode.
    var actions: ItemActions?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "actions": actions
        case "heading": heading
        case "form": form
        case "actionURL": actionURL
        case "submitLabel": submitLabel
        case "cancelURL": cancelURL
        default: nil
        }
    }
}

/// "Delete X? This also deletes …" (`catalog/confirm-delete`).
struct ConfirmDeletePage: PageViewModel {
    var chrome: PageChrome
    var kind: String
    var name: String
    var consequences: [String]
    var actionURL: String
    var cancelURL: String
    var archiveURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "kind": kind
        case "name": self.name
        case "consequences": consequences
        case "hasConsequences": !consequences.isEmpty
        case "actionURL": actionURL
        case "cancelURL": cancelURL
        case "archiveURL": archiveURL
        default: nil
        }
    }
}

/// Links and permissions for the archive/restore/edit/delete buttons of one item.
struct ItemActions: MustacheParent, Sendable {
    var editURL: String
    var archiveURL: String
    var restoreURL: String
    var deleteURL: String
    var isArchived: Bool
    var canEdit: Bool
    var canDelete: Bool

    /// The buttons of one item whose pages are `url(.edit)`, `url(.archive)` and so on.
    init(url: (SiteURL.ItemAction) -> SiteURL, isArchived: Bool, canEdit: Bool, canDelete: Bool) {
        self.editURL = url(.edit).path
        self.archiveURL = url(.archive).path
        self.restoreURL = url(.restore).path
        self.deleteURL = url(.delete).path
        self.isArchived = isArchived
        self.canEdit = canEdit
        self.canDelete = canDelete
    }

    func child(named name: String) -> Any? {
        switch name {
        case "editURL": editURL
        case "archiveURL": archiveURL
        case "restoreURL": restoreURL
        case "deleteURL": deleteURL
        case "isArchived": isArchived
        case "canEdit": canEdit
        case "canDelete": canDelete
        default: nil
        }
    }
}

/// One figure in a row of statistics.
struct Stat: MustacheParent, Sendable {
    var value: String
    var label: String
    var url: String?

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "url": url
        default: nil
        }
    }
}
