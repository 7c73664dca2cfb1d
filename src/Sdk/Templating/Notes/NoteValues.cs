using System.Globalization;

namespace Orkestra.Templating;

/// <summary>
/// How notes read their arguments. Upstream's notes are Go functions with typed parameters; here a missing value
/// (nil) reads as the parameter type's zero value (nil-safety), and a value of the wrong type fails with Go's message
/// (<c>wrong type for value; expected string; got float64</c>).
/// </summary>
internal static class NoteValues
{
    /// <summary>A string parameter: nil is "", anything but a string fails.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        _ => throw WrongType("string", value),
    };

    /// <summary>A bool parameter: nil is false, anything but a bool fails.</summary>
    public static bool Bool(object? value) => value switch
    {
        null => false,
        bool b => b,
        _ => throw WrongType("bool", value),
    };

    /// <summary>
    /// An int parameter: nil is 0; integers, whole floats (every JSON number is a float) and integer strings are
    /// accepted; anything else fails.
    /// </summary>
    public static long Int(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case double d when IsWhole(d) && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18:
                return (long)d;
            case float f when IsWhole(f) && f >= -9.2233720368547758E18f && f < 9.2233720368547758E18f:
                return (long)f;
            case string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
        }

        return GoValues.Kind(value) == GoKind.Int
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : GoValues.Kind(value) == GoKind.Uint && Convert.ToUInt64(value, CultureInfo.InvariantCulture) <= long.MaxValue
                ? (long)Convert.ToUInt64(value, CultureInfo.InvariantCulture)
                : throw WrongType("int", value);
    }

    /// <summary>An int parameter that must fit a .NET <see cref="int"/> (a count or an index).</summary>
    public static int SmallInt(object? value)
    {
        var n = Int(value);
        return n < int.MinValue ? int.MinValue : n > int.MaxValue ? int.MaxValue : (int)n;
    }

    /// <summary>Go's message for an argument of the wrong type.</summary>
    public static TemplateFunctionException WrongType(string expected, object? value) =>
        new("wrong type for value; expected " + expected + "; got " + GoValues.TypeName(value));

    /// <summary>
    /// Upstream's <c>anyToFloat</c>: a bool is 1 or 0, numbers are themselves, strings are parsed as Go's
    /// <c>strconv.ParseFloat</c> does; nil is 0 here (nil-safety). False for anything else.
    /// </summary>
    public static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case null:
                number = 0;
                return true;
            case bool b:
                number = b ? 1 : 0;
                return true;
            case string s:
                return TryParseFloat(s, out number);
        }

        switch (GoValues.Kind(value))
        {
            case GoKind.Int:
            case GoKind.Uint:
            case GoKind.Float:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>A number parameter read as <see cref="TryNumber"/> does; fails for anything else.</summary>
    public static double Number(string function, object? value) =>
        TryNumber(value, out var number)
            ? number
            : throw new TemplateFunctionException(function + ": cannot convert " + GoValues.TypeName(value) + " " + Quote(value) + " to a number");

    /// <summary>Go's <c>strconv.ParseFloat(s, 64)</c> for decimal text (no surrounding space), inf and nan.</summary>
    public static bool TryParseFloat(string s, out double number)
    {
        number = 0;
        if (s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[s.Length - 1]))
        {
            return false;
        }

        var body = s[0] is '+' or '-' ? s.Substring(1) : s;
        var negative = s[0] == '-';
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            number = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            number = double.NaN;
            return s[0] is not ('+' or '-');
        }

        foreach (var c in body)
        {
            if (!(c is >= '0' and <= '9' or '.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        // Go reports a range error for finite text beyond float64 ("1e400"); upstream then fails the conversion.
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number)
            && !double.IsInfinity(number);
    }

    /// <summary>
    /// Upstream's <c>nativeNumber</c>: an integer (<see cref="long"/>) when the float is whole and fits, else the float.
    /// </summary>
    public static object Native(double value) =>
        IsWhole(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18 ? (object)(long)value : value;

    /// <summary>Whether the float is a whole number (not NaN or infinite).</summary>
    public static bool IsWhole(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && System.Math.Floor(value) == value;

    /// <summary>Upstream's <c>toInt64</c> for Kubernetes fields: numbers truncated, strings read as <c>%d</c>, else 0.</summary>
    public static long ToInt64(object? value)
    {
        switch (value)
        {
            case double d:
                return double.IsNaN(d) ? 0 : d >= 9.2233720368547758E18 ? long.MaxValue : d <= -9.2233720368547758E18 ? long.MinValue : (long)d;
            case string s:
                return LeadingInteger(s);
        }

        return GoValues.Kind(value) == GoKind.Int ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    // fmt.Sscanf(s, "%d", &n): optional spaces, an optional sign, then digits; 0 when there are none.
    private static long LeadingInteger(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        var start = i;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var digits = i;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i > digits && long.TryParse(s.Substring(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The value as a map, or null.</summary>
    public static IDictionary<string, object?>? Map(object? value) => value as IDictionary<string, object?>;

    /// <summary>The value as a list, or null.</summary>
    public static IList<object?>? List(object? value) => value as IList<object?>;

    /// <summary>The value at <paramref name="keys"/> through nested maps, or null when a step is missing.</summary>
    public static object? Path(object? value, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (value is not IDictionary<string, object?> map || !map.TryGetValue(key, out value))
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>The items of the list at <paramref name="keys"/>, or none when it is missing or not a list.</summary>
    public static IList<object?> PathList(object? value, params string[] keys) =>
        Path(value, keys) as IList<object?> ?? Array.Empty<object?>();

    /// <summary>
    /// A Go <c>switch v.(type)</c> over <c>int64</c>, <c>float64</c> and <c>int</c> (float truncated, saturating); 0
    /// for anything else, strings included (unlike <see cref="ToInt64"/>).
    /// </summary>
    public static long Integer(object? value) => value switch
    {
        long l => l,
        double d => ToInt64(d),
        _ => GoValues.Kind(value) == GoKind.Int ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0,
    };

    /// <summary>Upstream's <c>strings.Join(parts, ", ")</c> for the comma-separated notes.</summary>
    public static string JoinComma(IEnumerable<string> parts) => string.Join(", ", parts);

    /// <summary>The string at <paramref name="keys"/>, or "" when it is missing or not a string.</summary>
    public static string PathText(object? value, params string[] keys) => Path(value, keys) as string ?? string.Empty;

    /// <summary>The map at <paramref name="keys"/>, or an empty map.</summary>
    public static IDictionary<string, object?> PathMap(object? value, params string[] keys) =>
        Path(value, keys) as IDictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary><c>fmt.Sprint</c> of a value, as Go prints it.</summary>
    public static string Print(object? value) => GoValues.Print(value);

    /// <summary>A value quoted for an error message.</summary>
    public static string Quote(object? value) => value is string s ? "\"" + s + "\"" : GoValues.Print(value);

    /// <summary>A new empty map of the value model.</summary>
    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    /// <summary>A list of strings in the value model.</summary>
    public static List<object?> Strings(IEnumerable<string> items) => new(items);
}
