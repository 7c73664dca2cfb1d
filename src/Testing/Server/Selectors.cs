using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Testing.Server;

/// <summary>
/// A label selector as the API takes it in <c>labelSelector</c>: comma-separated requirements with <c>=</c>, <c>==</c>,
/// <c>!=</c>, <c>in</c>, <c>notin</c>, <c>key</c> (exists), <c>!key</c> (does not exist), <c>&gt;</c> and <c>&lt;</c>.
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0)
        {
            return true;
        }
        var labels = ObjectMeta.Labels(obj);
        return _requirements.All(r => r(labels));
    }

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitOutsideParentheses(text))
        {
            requirements.Add(ParseRequirement(part.Trim()));
        }
        return new LabelSelector(requirements);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string text)
    {
        Match m;
        if ((m = SetPattern().Match(text)).Success)
        {
            var key = CheckKey(m.Groups["key"].Value);
            var values = m.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries).Where(v => v.Length > 0).Select(CheckValue).ToHashSet();
            return m.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }
        if ((m = ComparePattern().Match(text)).Success)
        {
            var key = CheckKey(m.Groups["key"].Value);
            var value = CheckValue(m.Groups["value"].Value);
            switch (m.Groups["op"].Value)
            {
                case "!=":
                    return labels => !labels.TryGetValue(key, out var v) || v != value;
                case "=" or "==":
                    return labels => labels.TryGetValue(key, out var v) && v == value;
                default:
                    if (!long.TryParse(value, out var bound))
                    {
                        throw Unparsable(text, $"for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                    var greater = m.Groups["op"].Value == ">";
                    return labels => labels.TryGetValue(key, out var v) && long.TryParse(v, out var n) && (greater ? n > bound : n < bound);
            }
        }
        if (text.StartsWith('!'))
        {
            var key = CheckKey(text[1..].Trim());
            return labels => !labels.ContainsKey(key);
        }
        var existing = CheckKey(text);
        return labels => labels.ContainsKey(existing);
    }

    private static string CheckKey(string key)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw Unparsable(key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return key;
    }

    private static string CheckValue(string value)
    {
        if (value.Length > 0 && !ValuePattern().IsMatch(value))
        {
            throw Unparsable(value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return value;
    }

    private static ApiException Unparsable(string text, string detail) =>
        StatusErrors.BadRequest($"unable to parse requirement: values[0][{text}]: Invalid value: \"{text}\": {detail}");

    private static IEnumerable<string> SplitOutsideParentheses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>[^\s!=<>(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<key>[^\s!=<>(),]+)\s*(?<op>==|!=|=|>|<)\s*(?<value>[^\s!=<>(),]*)$")]
    private static partial Regex ComparePattern();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex ValuePattern();
}

/// <summary>
/// A field selector (<c>fieldSelector</c>): comma-separated <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c> on <c>metadata.name</c>, <c>metadata.namespace</c> and the fields the kind supports.
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, string Value, bool Equal)> _terms;

    private FieldSelector(IReadOnlyList<(string, string, bool)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool Matches(JsonObject obj) => _terms.All(t => (Value(obj, t.Field) == t.Value) == t.Equal);

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var (op, index) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? ("!=", ne)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and >= 0 ? ("==", ee)
                : ("=", part.IndexOf('='));
            if (index <= 0)
            {
                throw StatusErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }
            var field = part[..index].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.FieldLabels.Contains(field))
            {
                throw StatusErrors.BadRequest($"field label not supported: {field}");
            }
            terms.Add((field, part[(index + op.Length)..].Trim(), op != "!="));
        }
        return new FieldSelector(terms);
    }

    private static string Value(JsonObject obj, string field) => ObjectMeta.AtPath(obj, field) switch
    {
        JsonValue value when ObjectMeta.StringOf(value) is { } s => s,
        JsonValue value => value.ToJsonString(),
        _ => "",
    };
}
