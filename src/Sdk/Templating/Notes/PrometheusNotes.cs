using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The prometheus notes (upstream <c>pkg/note/prometheus.go</c>) over the map a Prometheus external call leaves
/// under <c>.external.NAME</c>: <c>result</c> (the canonical value as text) and <c>raw</c> (the API response). Results
/// are strings, as upstream; unparseable data gives "" or "false".
/// </summary>
internal static class PrometheusNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("promValue", c => Value(c.Arguments[0]));
        notes.Add("promSum", c =>
        {
            var values = Numbers(c.Arguments[0]);
            return values is null || values.Count == 0 ? string.Empty : Format(values.Sum());
        });
        notes.Add("promMax", c =>
        {
            var values = Numbers(c.Arguments[0]);
            return values is null || values.Count == 0 ? string.Empty : Format(values.Max());
        });
        notes.Add("promAboveThreshold", c => Compare(c.Arguments[0], c.Arguments[1], (value, threshold) => value > threshold));
        notes.Add("promBelowThreshold", c => Compare(c.Arguments[0], c.Arguments[1], (value, threshold) => value < threshold));
        notes.Add("promSeriesCount", c => SeriesValues(c.Arguments[0]).Count.ToString(CultureInfo.InvariantCulture));
        notes.Add("promLabelValues", c =>
        {
            var label = Text(c.Arguments[1]);
            var values = new List<string>();
            if (Path(c.Arguments[0], "raw", "data", "result") is IList<object?> series)
            {
                foreach (var entry in series)
                {
                    if (Path(entry, "metric", label) is string value)
                    {
                        values.Add(value);
                    }
                }
            }

            return string.Join(",", values);
        });
    }

    private static string Value(object? data) => PathText(data, "result");

    // "true" when the value and the threshold (a number, or text that parses as one) compare so, else "false".
    private static string Compare(object? data, object? threshold, Func<double, double, bool> holds)
    {
        if (!TryParseFloat(Value(data), out var value))
        {
            return "false";
        }

        var limit = threshold switch
        {
            null => (double?)null,
            string s => TryParseFloat(s, out var t) ? t : null,
            _ => TryParseFloat(Print(threshold), out var t) ? t : null,
        };
        return limit is { } l && holds(value, l) ? "true" : "false";
    }

    // Every series value as a number; null when one does not parse (upstream then gives "").
    private static List<double>? Numbers(object? data)
    {
        var numbers = new List<double>();
        foreach (var text in SeriesValues(data))
        {
            if (!TryParseFloat(text, out var number))
            {
                return null;
            }

            numbers.Add(number);
        }

        return numbers;
    }

    // Upstream's promExtractValues: the value of every vector series, the scalar's value, or, without a raw
    // response, the result text.
    private static List<string> SeriesValues(object? data)
    {
        var values = new List<string>();
        if (data is not IDictionary<string, object?> map)
        {
            return values;
        }

        if (Map(Path(map, "raw")) is not { } raw)
        {
            if (Path(map, "result") is string { Length: > 0 } result)
            {
                values.Add(result);
            }

            return values;
        }

        var results = Path(raw, "data", "result") as IList<object?>;
        switch (Path(raw, "data", "resultType"))
        {
            case "scalar":
                if (results is { Count: >= 2 } && results[1] is string scalar)
                {
                    values.Add(scalar);
                }

                break;
            case "vector" when results is not null:
                foreach (var series in results)
                {
                    if (Path(series, "value") is IList<object?> { Count: >= 2 } pair && pair[1] is string value)
                    {
                        values.Add(value);
                    }
                }

                break;
        }

        return values;
    }

    // Upstream's formatFloat: an integer when whole, else the shortest decimal.
    private static string Format(double value) =>
        IsWhole(value) && System.Math.Abs(value) < 9.2233720368547758E18
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : GoValues.FormatFloat(value, 'f', -1);
}
