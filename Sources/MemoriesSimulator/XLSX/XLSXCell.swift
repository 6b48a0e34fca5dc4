/// A cell value: numbers stay numbers so spreadsheets can sum and sort them.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty
}
