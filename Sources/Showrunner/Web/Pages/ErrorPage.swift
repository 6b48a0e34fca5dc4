import Hummingbird
import Mustache

/// 403, 404, 500 and friends.
struct ErrorPage: PageViewModel {
    var chrome: PageChrome
    var statusCode: Int
    var heading: String
    var message: String
    var requestId: String

    init(status: HTTPResponse.Status, message: String, requestId: String) {
        self.statusCode = status.code
        self.heading = switch status.code {
        case 403: "Not allowed"
        case 404: "Not found"
        case 410: "No longer available"
        case 429: "Slow down"
        case 400..<500: "That didn't work"
        default: "Something went wrong"
        }
        self.message = message
        self.requestId = requestId
        self.chrome = PageChrome(title: heading, csrf: "", user: nil, flash: nil)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "statusCode": statusCode
        case "heading": heading
        case "message": message
        case "requestId": requestId
        case "homeURL": SiteURL.home.path
        default: nil
        }
    }
}
