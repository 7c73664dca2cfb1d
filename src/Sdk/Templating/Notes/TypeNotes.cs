using System.Text;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The types notes (upstream <c>pkg/note/types.go</c>): conversions, <c>typeOf</c> and its shorthands, and a
/// nil-safe <c>len</c> that replaces Go's built-in one.
/// </summary>
internal static class TypeNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("toInt", c => ToInt(c.Arguments[0]));
        notes.Add("toFloat", c => Number("toFloat", c.Arguments[0]));
        notes.Add("toBool", c => ToBool(c.Arguments[0]));
        notes.Add("toString", c => c.Arguments[0] is null ? string.Empty : Print(c.Arguments[0]));
        notes.Add("toJson", c => GoJson.TryEncode(c.Arguments[0], out var json)
            ? json
            : throw new TemplateFunctionException("toJson: unsupported value " + Print(c.Arguments[0])));
        notes.Add("toList", c => ToList(Text(c.Arguments[0])));
        notes.Add("typeOf", c => TypeOf(c.Arguments[0]));
        notes.Add("typeMap", c => TypeOf(c.Arguments[0]) == "map");
        notes.Add("typeList", c => TypeOf(c.Arguments[0]) == "slice");
        notes.Add("typeString", c => TypeOf(c.Arguments[0]) == "string");
        notes.Add("typeNumber", c => TypeOf(c.Arguments[0]) == "number");
        notes.Add("typeBool", c => TypeOf(c.Arguments[0]) == "bool");
        notes.Add("typeNull", c => TypeOf(c.Arguments[0]) == "null");
        notes.Add("len", c => Length(c.Arguments[0]));
        notes.Add("isEmpty", c => c.Arguments[0] switch
        {
            null => true,
            string s => s.Length == 0,
            IList<object?> list => list.Count == 0,
            IDictionary<string, object?> map => map.Count == 0,
            _ => false,
        });
        notes.Add("isScalar", c => TypeOf(c.Arguments[0]) is "string" or "number" or "bool");
        notes.Add("isComposite", c => TypeOf(c.Arguments[0]) is "map" or "slice");
    }

    /// <summary>Upstream's <c>TypeOf</c>: string, number, bool, map, slice, null or unknown.</summary>
    public static string TypeOf(object? value) => GoValues.Kind(value) switch
    {
        GoKind.Invalid => "null",
        GoKind.String => "string",
        GoKind.Int or GoKind.Uint or GoKind.Float => "number",
        GoKind.Bool => "bool",
        GoKind.Map => "map",
        GoKind.List => "slice",
        _ => "unknown",
    };

    private static long ToInt(object? value)
    {
        var number = Number("toInt", value);
        return double.IsNaN(number) ? 0 : number >= 9.2233720368547758E18 ? long.MaxValue : number <= -9.2233720368547758E18 ? long.MinValue : (long)number;
    }

    private static bool ToBool(object? value)
    {
        switch (value)
        {
            case null:
                return false;
            case bool b:
                return b;
            case string s:
                switch (s)
                {
                    case "true" or "True" or "TRUE" or "1" or "yes" or "YES" or "Yes" or "on" or "ON":
                        return true;
                    case "false" or "False" or "FALSE" or "0" or "no" or "NO" or "No" or "off" or "OFF" or "":
                        return false;
                    default:
                        throw new TemplateFunctionException("toBool: unrecognised value " + Quote(s));
                }
        }

        return GoValues.Kind(value) is GoKind.Int or GoKind.Uint or GoKind.Float
            ? Number("toBool", value) != 0
            : throw new TemplateFunctionException("toBool: cannot convert " + GoValues.TypeName(value));
    }

    // Upstream's toList: comma-separated items, trimmed, blanks dropped.
    private static List<object?> ToList(string s)
    {
        var items = new List<object?>();
        foreach (var part in s.Split(','))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }

    // Upstream's OrkLen: bytes of a string, items of a list or map, 0 for anything else.
    private static long Length(object? value) => value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        IList<object?> list => list.Count,
        IDictionary<string, object?> map => map.Count,
        _ => 0,
    };
}
