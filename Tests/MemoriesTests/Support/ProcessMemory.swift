import Foundation

/// Reads this process's memory use from /proc (Linux only; nil elsewhere).
enum ProcessMemory {
    /// Resident set size in bytes (`VmRSS`).
    static func residentBytes() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").compactMap { Int64($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}

/// Samples resident memory in the background and keeps the peak.
actor MemorySampler {
    private(set) var peak: Int64 = 0

    func record(_ value: Int64) {
        peak = max(peak, value)
    }

    /// Samples every 10 ms until `body` returns.
    static func measuringPeak<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> (result: T, peak: Int64) {
        let sampler = MemorySampler()
        let sampling = Task {
            while !Task.isCancelled {
                if let rss = ProcessMemory.residentBytes() { await sampler.record(rss) }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        defer { sampling.cancel() }
        let result = try await body()
        if let rss = ProcessMemory.residentBytes() { await sampler.record(rss) }
        return (result, await sampler.peak)
    }
}
