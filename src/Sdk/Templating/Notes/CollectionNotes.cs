using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Yaml;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The collections notes (upstream <c>pkg/note/listmap.go</c> and <c>as.go</c>, plus mapPick and mapOmit): safe list and
/// map access that gives nil, 0 or an empty collection instead of failing, and coercion of YAML/JSON text.
/// </summary>
internal static class CollectionNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("listHas", c =>
        {
            if (List(c.Arguments[0]) is not { } list)
            {
                return false;
            }

            foreach (var item in list)
            {
                if (SameValue(item, c.Arguments[1]))
                {
                    return true;
                }
            }

            return false;
        });
        notes.Add("listGet", c =>
        {
            var index = Int(c.Arguments[1]);
            return List(c.Arguments[0]) is { } list && index >= 0 && index < list.Count ? list[(int)index] : null;
        });
        notes.Add("listLen", c => (long)(List(c.Arguments[0])?.Count ?? 0));
        notes.Add("mapGet", c =>
        {
            var key = Text(c.Arguments[1]);
            return Map(c.Arguments[0]) is { } map && map.TryGetValue(key, out var value) ? value : null;
        });
        notes.Add("mapKeys", c => Map(c.Arguments[0]) is { } map ? Strings(GoValues.SortedKeys(map)) : new List<object?>());
        notes.Add("mapValues", c =>
        {
            var values = new List<object?>();
            if (Map(c.Arguments[0]) is { } map)
            {
                foreach (var key in GoValues.SortedKeys(map))
                {
                    values.Add(map[key]);
                }
            }

            return values;
        });
        notes.Add("mapPick", c =>
        {
            var picked = NewMap();
            var map = Map(c.Arguments[0]);
            for (var i = 1; i < c.Arguments.Count; i++)
            {
                var key = Text(c.Arguments[i]);
                if (map is not null && map.TryGetValue(key, out var value))
                {
                    picked[key] = value;
                }
            }

            return picked;
        });
        notes.Add("mapOmit", c =>
        {
            var omitted = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < c.Arguments.Count; i++)
            {
                omitted.Add(Text(c.Arguments[i]));
            }

            var kept = NewMap();
            if (Map(c.Arguments[0]) is { } map)
            {
                foreach (var entry in map)
                {
                    if (!omitted.Contains(entry.Key))
                    {
                        kept[entry.Key] = entry.Value;
                    }
                }
            }

            return kept;
        });
        notes.Add("asList", c => c.Arguments[0] switch
        {
            IList<object?> list => list,
            string s => Parse(s) as IList<object?> ?? new List<object?>(),
            _ => new List<object?>(),
        });
        notes.Add("asMap", c => c.Arguments[0] switch
        {
            IDictionary<string, object?> map => map,
            string s => Parse(s) as IDictionary<string, object?> ?? NewMap(),
            _ => NewMap(),
        });
        notes.Add("asString", c => c.Arguments[0] switch
        {
            null => string.Empty,
            string s => s,
            var value => GoJson.TryEncode(value, out var json) ? json : string.Empty,
        });
    }

    /// <summary>Equality for list membership: numbers by value whatever their type, other scalars as Go's <c>==</c>.</summary>
    public static bool SameValue(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var ka = GoValues.Kind(a);
        var kb = GoValues.Kind(b);
        if (ka is GoKind.Int or GoKind.Uint or GoKind.Float && kb is GoKind.Int or GoKind.Uint or GoKind.Float)
        {
            return TryNumber(a, out var x) && TryNumber(b, out var y) && x == y;
        }

        return (a, b) switch
        {
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            _ => false,
        };
    }

    // Upstream tries YAML, then JSON; text that is neither gives null.
    private static object? Parse(string text)
    {
        var file = YamlReader.Read(string.Empty, text);
        if (file.Documents.Count > 0 && !file.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return YamlValues.ToData(file.Documents[0]);
        }

        try
        {
            return TemplateData.FromJson(JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
