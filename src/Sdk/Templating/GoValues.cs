using System.Globalization;
using System.Text;

namespace Orkestra.Templating;

/// <summary>The kinds of value Go's template package distinguishes, for the values templates see.</summary>
public enum GoKind
{
    /// <summary>No value (a nil interface, a missing key).</summary>
    Invalid,

    /// <summary>bool.</summary>
    Bool,

    /// <summary>int (constants, lengths, indexes).</summary>
    Int,

    /// <summary>uint (constants too large for int).</summary>
    Uint,

    /// <summary>float64 (every number decoded from JSON).</summary>
    Float,

    /// <summary>complex128 (constants such as <c>1i</c>).</summary>
    Complex,

    /// <summary>string.</summary>
    String,

    /// <summary>[]interface{}.</summary>
    List,

    /// <summary>map[string]interface{}.</summary>
    Map,

    /// <summary>Any other .NET value a function returned.</summary>
    Other,
}

/// <summary>
/// The value model of the engine and Go's rules over it. Template data is the JSON model of an object: <c>null</c>,
/// <see cref="bool"/>, <see cref="double"/> (every JSON number, as Go decodes them), <see cref="string"/>,
/// <see cref="List{T}"/> of values and <see cref="Dictionary{TKey, TValue}"/> of string to value. Constants and
/// some functions also produce <see cref="long"/> (Go's int) and <see cref="ulong"/>.
/// </summary>
public static class GoValues
{
    /// <summary>The Go kind of <paramref name="value"/>.</summary>
    public static GoKind Kind(object? value) => value switch
    {
        null => GoKind.Invalid,
        bool => GoKind.Bool,
        long or int or short or sbyte or byte => GoKind.Int,
        ulong or uint or ushort => GoKind.Uint,
        double or float => GoKind.Float,
        System.Numerics.Complex => GoKind.Complex,
        string => GoKind.String,
        IList<object?> => GoKind.List,
        IDictionary<string, object?> => GoKind.Map,
        _ => GoKind.Other,
    };

    /// <summary>Go's name of the value's type, for messages (<c>float64</c>, <c>map[string]interface {}</c>).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        bool => "bool",
        long => "int",
        int => "int32",
        byte => "uint8",
        ulong => "uint64",
        double => "float64",
        System.Numerics.Complex => "complex128",
        string => "string",
        IList<object?> => "[]interface {}",
        IDictionary<string, object?> => "map[string]interface {}",
        _ => value.GetType().Name,
    };

    /// <summary>Go's truth (<c>if</c>, <c>with</c>, <c>and</c>, <c>or</c>, <c>not</c>): false for nil, false, 0, "" and empty collections.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        int i => i != 0,
        byte b => b != 0,
        ulong u => u != 0,
        double d => d != 0,
        System.Numerics.Complex c => c != System.Numerics.Complex.Zero,
        IList<object?> list => list.Count > 0,
        IDictionary<string, object?> map => map.Count > 0,
        System.Collections.ICollection collection => collection.Count > 0,
        _ => true,
    };

    /// <summary><c>fmt.Sprint</c> of one value (<c>%v</c>).</summary>
    public static string Print(object? value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.ToString();
    }

    /// <summary>Appends <c>%v</c> of <paramref name="value"/>.</summary>
    public static void AppendValue(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("<nil>");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case string s:
                builder.Append(s);
                break;
            case double d:
                builder.Append(FormatFloat(d, 'g', -1));
                break;
            case float f:
                builder.Append(FormatFloat(f, 'g', -1));
                break;
            case System.Numerics.Complex c:
                builder.Append('(').Append(FormatFloat(c.Real, 'g', -1));
                var imaginary = FormatFloat(c.Imaginary, 'g', -1);
                builder.Append(imaginary.StartsWith("-", StringComparison.Ordinal) || imaginary.StartsWith("+", StringComparison.Ordinal) ? imaginary : "+" + imaginary).Append("i)");
                break;
            case long or int or ulong or uint or byte or short or ushort or sbyte:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ');
                    }

                    AppendValue(builder, list[i]);
                }

                builder.Append(']');
                break;
            case IDictionary<string, object?> map:
                builder.Append("map[");
                var first = true;
                foreach (var key in SortedKeys(map))
                {
                    if (!first)
                    {
                        builder.Append(' ');
                    }

                    first = false;
                    builder.Append(key).Append(':');
                    AppendValue(builder, map[key]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>A map's keys in Go's order (byte-wise, which for these keys is ordinal).</summary>
    public static List<string> SortedKeys(IDictionary<string, object?> map)
    {
        var keys = new List<string>(map.Keys);
        keys.Sort(CompareStrings);
        return keys;
    }

    /// <summary>Compares strings the way Go does: by their UTF-8 bytes.</summary>
    public static int CompareStrings(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        // Ordinal UTF-16 order equals UTF-8 byte order except around surrogates; compare code points.
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            var ca = CodePoint(a, i, out var la);
            var cb = CodePoint(b, j, out var lb);
            if (ca != cb)
            {
                return ca < cb ? -1 : 1;
            }

            i += la;
            j += lb;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static int CodePoint(string s, int index, out int length)
    {
        if (char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(s[index], s[index + 1]);
        }

        length = 1;
        return s[index];
    }

    /// <summary>
    /// <c>strconv.FormatFloat(v, fmt, prec, 64)</c> for <c>'e'</c>, <c>'E'</c>, <c>'f'</c>, <c>'g'</c>, <c>'G'</c>;
    /// a negative precision means the shortest representation that reads back exactly.
    /// </summary>
    public static string FormatFloat(double value, char format, int precision)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var (digits, pointPosition) = Digits(Math.Abs(value), format, precision);
        var shortest = precision < 0;
        var body = format switch
        {
            'e' or 'E' => FormatE(digits, pointPosition, shortest ? digits.Length - 1 : precision, format),
            'f' => FormatF(digits, pointPosition, shortest ? Math.Max(digits.Length - pointPosition, 0) : precision),
            _ => FormatG(digits, pointPosition, precision, shortest, format == 'G' ? 'E' : 'e'),
        };
        return negative ? "-" + body : body;
    }

    // Decimal digits (no leading zeros, at least one digit) and the position of the decimal point relative to them.
    private static (string Digits, int Point) Digits(double value, char format, int precision)
    {
        if (value == 0)
        {
            return ("0", 1);
        }

        if (precision < 0)
        {
            // .NET's round-trip format is the shortest representation that reads back exactly, as Go's is.
            return ParseDecimal(value.ToString("R", CultureInfo.InvariantCulture));
        }

        var significant = format switch
        {
            'e' or 'E' => precision + 1,
            'g' or 'G' => precision == 0 ? 1 : precision,
            _ => -1,
        };
        if (significant < 0)
        {
            // 'f': round at a fixed number of decimals.
            return ParseDecimal(value.ToString("F" + Math.Min(precision, 340), CultureInfo.InvariantCulture));
        }

        return ParseDecimal(value.ToString("E" + Math.Min(significant - 1, 400), CultureInfo.InvariantCulture), keepTrailingZeros: true);
    }

    // "123.45", "1.5E-05", "1E+21" → significant digits and the decimal point's position relative to them.
    private static (string Digits, int Point) ParseDecimal(string text, bool keepTrailingZeros = false)
    {
        var e = text.IndexOfAny(new[] { 'E', 'e' });
        var exponent = e < 0 ? 0 : int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text.Substring(0, e);
        var dot = mantissa.IndexOf('.');
        var intLength = dot < 0 ? mantissa.Length : dot;
        var all = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var trimmed = all.TrimStart('0');
        var point = intLength - (all.Length - trimmed.Length) + exponent;
        if (!keepTrailingZeros)
        {
            trimmed = trimmed.TrimEnd('0');
        }

        return trimmed.Length == 0 ? ("0", 1) : (trimmed, point);
    }

    private static string FormatE(string digits, int point, int decimals, char e)
    {
        var builder = new StringBuilder();
        builder.Append(digits[0]);
        if (decimals > 0)
        {
            builder.Append('.');
            for (var i = 1; i <= decimals; i++)
            {
                builder.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exponent = digits == "0" ? 0 : point - 1;
        builder.Append(e).Append(exponent < 0 ? '-' : '+');
        var abs = Math.Abs(exponent);
        if (abs < 10)
        {
            builder.Append('0');
        }

        builder.Append(abs.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    private static string FormatF(string digits, int point, int decimals)
    {
        var builder = new StringBuilder();
        if (point <= 0)
        {
            builder.Append('0');
        }
        else
        {
            for (var i = 0; i < point; i++)
            {
                builder.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        if (decimals > 0)
        {
            builder.Append('.');
            for (var i = 0; i < decimals; i++)
            {
                var index = point + i;
                builder.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }

        return builder.ToString();
    }

    private static string FormatG(string digits, int point, int precision, bool shortest, char e)
    {
        var eprec = precision;
        if (eprec > digits.Length && digits.Length >= point)
        {
            eprec = digits.Length;
        }

        if (shortest)
        {
            eprec = 6;
        }

        var exponent = point - 1;
        if (exponent < -4 || exponent >= eprec)
        {
            var decimals = shortest ? digits.Length - 1 : Math.Min(precision, digits.Length) - 1;
            return FormatE(digits, point, Math.Max(decimals, 0), e);
        }

        var fractional = shortest ? Math.Max(digits.Length - point, 0) : Math.Max(Math.Min(precision, digits.Length) - point, 0);
        return FormatF(digits, point, fractional);
    }
}
