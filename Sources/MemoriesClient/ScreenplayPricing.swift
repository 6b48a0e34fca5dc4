/// Upstream's documented prices, in US cents.
public enum ScreenplayPricing {
    /// $1.00 per started minute.
    public static let centsPerMinute = 100
    /// Downloads cost $0.12 per GB of the episodes' original file sizes.
    public static let downloadCentsPerGB = 12.0

    /// Cost of one episode: ceil(duration / 60) minutes at $1.00, charged at submission.
    public static func episodeCostCents(durationSeconds: Double) -> Int {
        guard durationSeconds > 0 else { return 0 }
        return Int((durationSeconds / 60).rounded(.up)) * centsPerMinute
    }

    /// Cost of a task: the sum over episodes, each rounded up separately (not the total).
    public static func taskCostCents(episodeDurations: some Sequence<Double>) -> Int {
        episodeDurations.reduce(0) { $0 + episodeCostCents(durationSeconds: $1) }
    }

    /// Download cost of a result zip, rounded up to whole cents (the rounding is our choice;
    /// upstream documents only the per-GB price).
    public static func downloadCostCents(originalFileBytes: Int64) -> Int {
        guard originalFileBytes > 0 else { return 0 }
        let gigabytes = Double(originalFileBytes) / 1_000_000_000
        return Int((gigabytes * downloadCentsPerGB).rounded(.up))
    }
}
