import Foundation
import Metrics
import Prometheus

/// The process's Prometheus registry behind swift-metrics. Bootstrapped once, on first use
/// (`buildApplication` touches it), before any metric is made: a metric made earlier would
/// stay bound to the no-op backend.
enum AppMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Hummingbird names its metrics with dots (`http.server.request.duration`); Prometheus
        // allows letters, digits, `_` and `:` only.
        factory.nameAndLabelSanitizer = { name, labels in (sanitize(name), labels.map { (sanitize($0.0), $0.1) }) }
        factory.durationHistogramBuckets[ingestDuration] = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300].map { .milliseconds(Int($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static let ingestDuration = "showrunner_ingest_duration_seconds"

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }

    /// Times `work` into the ingest histogram, whether it succeeds or not.
    static func timeIngest<T>(_ work: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - started
            Timer(label: ingestDuration, preferredDisplayUnit: .seconds)
                .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        return try await work()
    }
}
