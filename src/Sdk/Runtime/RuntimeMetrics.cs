using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Orkestra.Runtime;

/// <summary>
/// Reconcile counts and durations per CRD, written in the Prometheus text format under upstream Orkestra's metric
/// names (<c>controller_reconcile_total{crd,result}</c>, <c>controller_reconcile_duration_seconds</c>; with the
/// controllers, the gauges <c>controller_queue_depth</c>, <c>controller_workers_active</c> and <c>controller_resource_count</c>).
/// </summary>
public sealed class RuntimeMetrics
{
    private static readonly double[] Buckets = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>Records one reconcile of <paramref name="crd"/>.</summary>
    /// <param name="crd">The CRD's key in the katalog.</param>
    /// <param name="result">How it ended.</param>
    /// <param name="duration">How long it took.</param>
    public void Observe(string crd, ReconcileResult result, TimeSpan duration)
    {
        var series = _series.GetOrAdd(crd, _ => new Series());
        lock (series)
        {
            switch (result)
            {
                case ReconcileResult.Success:
                    series.Success++;
                    break;
                case ReconcileResult.Gated:
                    series.Gated++;
                    break;
                default:
                    series.Error++;
                    break;
            }

            series.Sum += duration.TotalSeconds;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (duration.TotalSeconds <= Buckets[i])
                {
                    series.Counts[i]++;
                }
            }
        }
    }

    /// <summary>Successful and failed reconciles of <paramref name="crd"/> so far.</summary>
    public (long Success, long Error) Totals(string crd)
    {
        if (!_series.TryGetValue(crd, out var series))
        {
            return (0, 0);
        }

        lock (series)
        {
            return (series.Success, series.Error);
        }
    }

    /// <summary>The metrics in the Prometheus text exposition format.</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder();
        text.Append("# HELP controller_reconcile_total Reconciles per CRD and result.\n# TYPE controller_reconcile_total counter\n");
        var all = _series.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        foreach (var (crd, series) in all)
        {
            lock (series)
            {
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_total{{crd=\"{crd}\",result=\"success\"}} {series.Success}\n");
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_total{{crd=\"{crd}\",result=\"error\"}} {series.Error}\n");
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_total{{crd=\"{crd}\",result=\"gated\"}} {series.Gated}\n");
            }
        }

        text.Append("# HELP controller_reconcile_duration_seconds How long reconciles take.\n# TYPE controller_reconcile_duration_seconds histogram\n");
        foreach (var (crd, series) in all)
        {
            lock (series)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_duration_seconds_bucket{{crd=\"{crd}\",le=\"{Buckets[i]}\"}} {series.Counts[i]}\n");
                }

                var count = series.Success + series.Error + series.Gated;
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_duration_seconds_bucket{{crd=\"{crd}\",le=\"+Inf\"}} {count}\n");
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_duration_seconds_sum{{crd=\"{crd}\"}} {series.Sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"controller_reconcile_duration_seconds_count{{crd=\"{crd}\"}} {count}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The metrics in the Prometheus text exposition format, followed by the gauges read from
    /// <paramref name="controllers"/>: <c>controller_queue_depth{crd}</c> (keys waiting),
    /// <c>controller_workers_active{crd}</c> (the workers of a started controller, 0 while pending) and
    /// <c>controller_resource_count{crd}</c> (CRs in the cache).
    /// </summary>
    /// <param name="controllers">The runtime's controllers (<see cref="OperatorRuntime.Controllers"/>).</param>
    public string ToPrometheusText(IEnumerable<CrdController> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        var text = new StringBuilder(ToPrometheusText());
        var list = controllers.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        Gauge(text, list, "controller_queue_depth", "Keys waiting in the work queue per CRD.", c => c.QueueDepth);
        Gauge(text, list, "controller_workers_active", "Workers reconciling per CRD (0 while the controller is pending).", c => c.State == ControllerState.Pending ? 0 : c.Workers);
        Gauge(text, list, "controller_resource_count", "Custom resources in the cache per CRD.", c => c.Crs.Count);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, List<CrdController> controllers, string name, string help, Func<CrdController, long> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var controller in controllers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{crd=\"{EscapeLabel(controller.Name)}\"}} {value(controller)}\n");
        }
    }

    // A label value with backslashes, quotes and newlines escaped, as the text format requires.
    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series
    {
        public long Success;
        public long Error;
        public long Gated;
        public double Sum;
        public long[] Counts = new long[Buckets.Length];
    }
}

/// <summary>How a reconcile ended, as <c>controller_reconcile_total{result}</c> counts it.</summary>
public enum ReconcileResult
{
    /// <summary>It converged the CR.</summary>
    Success,

    /// <summary>It failed (and is retried with backoff, unless the failure is terminal).</summary>
    Error,

    /// <summary>A <c>preReconcile</c> gate held the CR back.</summary>
    Gated,
}
