import Mustache

/// Settings → Webhooks: the endpoints, the form to add one, the delivery log, and once, right
/// after adding one, its signing secret.
struct WebhooksPage: PageViewModel {
    struct EndpointRow: MustacheParent, Sendable {
        var url: String
        var events: String
        var created: String
        var deleteURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "url": url
            case "events": events
            case "created": created
            case "deleteURL": deleteURL
            default: nil
            }
        }
    }

    struct DeliveryRow: MustacheParent, Sendable {
        var event: String
        var url: String
        var status: String
        var statusClass: String
        var attempts: Int
        var response: String
        var when: String
        var redeliverURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "event": event
            case "url": url
            case "status": status
            case "statusClass": statusClass
            case "attempts": attempts
            case "response": response
            case "when": when
            case "redeliverURL": redeliverURL
            default: nil
            }
        }
    }

    struct EventChoice: MustacheParent, Sendable {
        var value: String
        var label: String
        var checked: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "value": value
            case "label": label
            case "checked": checked
            default: nil
            }
        }
    }

    struct NewSecret: MustacheParent, Sendable {
        var url: String
        var secret: String

        func child(named name: String) -> Any? {
            switch name {
            case "url": url
            case "secret": secret
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var endpoints: [EndpointRow]
    var deliveries: [DeliveryRow]
    var eventChoices: [EventChoice]
    var urlValue: String
    var urlError: String?
    var eventsError: String?
    var newSecret: NewSecret?
    var createURL: String
    var privateNote: String?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "endpoints": endpoints
        case "hasEndpoints": !endpoints.isEmpty
        case "deliveries": deliveries
        case "hasDeliveries": !deliveries.isEmpty
        case "eventChoices": eventChoices
        case "urlValue": urlValue
        case "urlError": urlError
        case "eventsError": eventsError
        case "newSecret": newSecret
        case "createURL": createURL
        case "privateNote": privateNote
        default: nil
        }
    }
}
