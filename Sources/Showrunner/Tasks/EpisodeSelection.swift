import Foundation

/// Which episodes of a drama a task covers: all, or numbers and ranges typed as `1-10, 12`.
enum EpisodeSelection: Sendable, Equatable {
    case all
    case numbers(Set<Int>)

    /// Parses `1-10, 12, 15–20` (commas or spaces; hyphen or en dash). Nil with a reason on bad input.
    static func parse(_ text: String) -> Result<EpisodeSelection, SelectionError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(.empty) }
        if trimmed.lowercased() == "all" { return .success(.all) }
        var numbers = Set<Int>()
        let parts = trimmed.replacingOccurrences(of: "–", with: "-").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        // Bounded so a pasted wall of ranges cannot exhaust memory.
        guard parts.count <= 500 else { return .failure(.tooMany) }
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1:
                guard let number = Int(bounds[0]), number > 0 else { return .failure(.notANumber(String(part))) }
                numbers.insert(number)
            case 2:
                guard let low = Int(bounds[0]), let high = Int(bounds[1]), low > 0 else {
                    return .failure(.notARange(String(part)))
                }
                guard low <= high else { return .failure(.reversed(String(part))) }
                guard high - low < maximumCount, numbers.count + (high - low) < maximumCount else { return .failure(.tooMany) }
                numbers.formUnion(low...high)
            default:
                return .failure(.notARange(String(part)))
            }
        }
        return numbers.isEmpty ? .failure(.empty) : .success(.numbers(numbers))
    }

    static let maximumCount = 5_000

    func contains(_ number: Int) -> Bool {
        switch self {
        case .all: true
        case .numbers(let numbers): numbers.contains(number)
        }
    }

    enum SelectionError: Error, Equatable {
        case empty, notANumber(String), notARange(String), reversed(String), tooMany

        var message: String {
            switch self {
            case .empty: "Choose at least one episode: type all, or numbers and ranges such as 1-10, 12."
            case .notANumber(let text): "'\(text)' is not an episode number."
            case .notARange(let text): "'\(text)' is not a range; write it like 3-8."
            case .tooMany: "That is more than \(EpisodeSelection.maximumCount) episodes or 500 ranges; submit a season in several tasks."
            case .reversed(let text): "'\(text)' runs backwards; write the lower number first, like 3-8."
            }
        }
    }
}
