using System.Globalization;
using System.Text;

namespace Orkestra.Templating;

/// <summary>
/// Go's <c>encoding/json.Marshal</c> for the value model: compact, map keys sorted, <c>&lt; &gt; &amp;</c> and
/// U+2028/U+2029 escaped, floats written as Go writes them (<c>3</c>, <c>0.5</c>, <c>1e+21</c>).
/// </summary>
internal static class GoJson
{
    /// <summary>The JSON text of <paramref name="value"/>; false for values JSON cannot hold (NaN, infinities, other types).</summary>
    public static bool TryEncode(object? value, out string json)
    {
        var builder = new StringBuilder();
        var ok = Append(builder, value, 0);
        json = ok ? builder.ToString() : string.Empty;
        return ok;
    }

    private static bool Append(StringBuilder builder, object? value, int depth)
    {
        if (depth > 1000)
        {
            return false;
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                return true;
            case bool b:
                builder.Append(b ? "true" : "false");
                return true;
            case string s:
                AppendString(builder, s);
                return true;
            case double d:
                return AppendFloat(builder, d);
            case float f:
                return AppendFloat(builder, f);
            case IList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    if (!Append(builder, list[i], depth + 1))
                    {
                        return false;
                    }
                }

                builder.Append(']');
                return true;
            case IDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var key in GoValues.SortedKeys(map))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, key);
                    builder.Append(':');
                    if (!Append(builder, map[key], depth + 1))
                    {
                        return false;
                    }
                }

                builder.Append('}');
                return true;
        }

        switch (GoValues.Kind(value))
        {
            case GoKind.Int:
            case GoKind.Uint:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    private static bool AppendFloat(StringBuilder builder, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return false;
        }

        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            // Go writes exponents with at least two digits and then drops a leading zero: 1e-07 becomes 1e-7.
            var text = GoValues.FormatFloat(value, 'e', -1);
            var n = text.Length;
            if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0')
            {
                text = text.Substring(0, n - 2) + text[n - 1];
            }

            builder.Append(text);
        }
        else
        {
            builder.Append(GoValues.FormatFloat(value, 'f', -1));
        }

        return true;
    }

    private static void AppendString(StringBuilder builder, string s)
    {
        builder.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        builder.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append("\\ufffd");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
