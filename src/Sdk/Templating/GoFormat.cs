using System.Globalization;
using System.Text;

namespace Orkestra.Templating;

/// <summary>
/// Go's <c>fmt.Sprintf</c>, <c>Sprint</c> and <c>Sprintln</c> over the engine's values: the verbs
/// <c>%v %s %d %q %x %X %o %b %f %F %e %E %g %G %t %c %T %%</c> with width, precision and the flags <c>- + # 0</c> and
/// space, and Go's error forms (<c>%!d(float64=3)</c>, <c>%!s(MISSING)</c>, <c>%!(EXTRA …)</c>).
/// </summary>
public static class GoFormat
{
    /// <summary><c>fmt.Sprint</c>: spaces between operands when neither side is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                builder.Append(' ');
            }

            GoValues.AppendValue(builder, args[i]);
        }

        return builder.ToString();
    }

    /// <summary><c>fmt.Sprintln</c>: spaces between every operand and a final newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            GoValues.AppendValue(builder, args[i]);
        }

        return builder.Append('\n').ToString();
    }

    private sealed class Spec
    {
        public bool Minus;
        public bool Plus;
        public bool Sharp;
        public bool Space;
        public bool Zero;
        public int Width = -1;
        public int Precision = -1;
        public char Verb;
    }

    /// <summary><c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        var argIndex = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                builder.Append(c);
                i++;
                continue;
            }

            i++;
            var spec = new Spec();
            var goodIndex = true;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-':
                        spec.Minus = true;
                        spec.Zero = false;
                        continue;
                    case '+':
                        spec.Plus = true;
                        continue;
                    case '#':
                        spec.Sharp = true;
                        continue;
                    case ' ':
                        spec.Space = true;
                        continue;
                    case '0':
                        spec.Zero = !spec.Minus;
                        continue;
                }

                break;
            }

            var afterIndex = ArgumentIndex(format, ref i, args.Count, ref argIndex, ref goodIndex, ref reordered);
            if (i < format.Length && format[i] == '*')
            {
                i++;
                spec.Width = StarArgument(args, ref argIndex, builder, out var negative);
                if (negative)
                {
                    spec.Minus = true;
                    spec.Zero = false;
                }
            }
            else
            {
                spec.Width = Number(format, ref i);
                if (afterIndex && spec.Width >= 0)
                {
                    goodIndex = false;
                }
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodIndex = false;
                }

                afterIndex = ArgumentIndex(format, ref i, args.Count, ref argIndex, ref goodIndex, ref reordered);
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    spec.Precision = StarArgument(args, ref argIndex, builder, out var negative);
                    if (negative)
                    {
                        spec.Precision = -1;
                    }
                }
                else
                {
                    spec.Precision = Math.Max(0, Number(format, ref i));
                }
            }

            if (!afterIndex)
            {
                ArgumentIndex(format, ref i, args.Count, ref argIndex, ref goodIndex, ref reordered);
            }

            if (i >= format.Length)
            {
                builder.Append("%!(NOVERB)");
                break;
            }

            spec.Verb = format[i];
            if (char.IsHighSurrogate(spec.Verb) && i + 1 < format.Length)
            {
                i++;
            }

            i++;
            if (spec.Verb == '%')
            {
                builder.Append('%');
                continue;
            }

            if (!goodIndex)
            {
                builder.Append("%!").Append(spec.Verb).Append("(BADINDEX)");
                continue;
            }

            if (argIndex >= args.Count)
            {
                builder.Append("%!").Append(spec.Verb).Append("(MISSING)");
                continue;
            }

            FormatOne(builder, spec, args[argIndex++]);
        }

        if (!reordered && argIndex < args.Count)
        {
            builder.Append("%!(EXTRA ");
            for (var j = argIndex; j < args.Count; j++)
            {
                if (j > argIndex)
                {
                    builder.Append(", ");
                }

                builder.Append(GoValues.TypeName(args[j])).Append('=');
                GoValues.AppendValue(builder, args[j]);
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    // An explicit argument index, "[n]": moves to argument n (1-based). Returns whether one was there.
    private static bool ArgumentIndex(string format, ref int i, int count, ref int argIndex, ref bool good, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return false;
        }

        reordered = true;
        var close = format.IndexOf(']', i);
        if (close < 0)
        {
            i++;
            good = false;
            return false;
        }

        var text = format.Substring(i + 1, close - i - 1);
        i = close + 1;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= count)
        {
            argIndex = index - 1;
            return true;
        }

        good = false;
        return true;
    }

    private static int Number(string format, ref int i)
    {
        var start = i;
        var value = 0;
        while (i < format.Length && format[i] >= '0' && format[i] <= '9')
        {
            value = Math.Min(1_000_000, (value * 10) + (format[i] - '0'));
            i++;
        }

        return i == start ? -1 : value;
    }

    private static int StarArgument(IReadOnlyList<object?> args, ref int argIndex, StringBuilder builder, out bool negative)
    {
        negative = false;
        if (argIndex >= args.Count || GoValues.Kind(args[argIndex]) != GoKind.Int)
        {
            if (argIndex < args.Count)
            {
                argIndex++;
            }

            builder.Append("%!(BADWIDTH)");
            return -1;
        }

        var value = Convert.ToInt64(args[argIndex++], CultureInfo.InvariantCulture);
        negative = value < 0;
        return (int)Math.Min(Math.Abs(value), 1_000_000);
    }

    private static void FormatOne(StringBuilder builder, Spec spec, object? arg)
    {
        if (spec.Verb == 'T')
        {
            Pad(builder, spec, GoValues.TypeName(arg), numeric: false);
            return;
        }

        if (spec.Verb == 'v' && arg is null)
        {
            Pad(builder, spec, "<nil>", numeric: false);
            return;
        }

        if (spec.Verb == 'v' && spec.Sharp)
        {
            Pad(builder, spec, GoSyntax(arg, topLevel: true), numeric: false);
            return;
        }

        if (arg is System.Numerics.Complex complex)
        {
            FormatComplex(builder, spec, complex);
            return;
        }

        switch (arg)
        {
            case null:
                Bad(builder, spec, arg);
                break;
            case bool b:
                if (spec.Verb is 'v' or 't')
                {
                    Pad(builder, spec, b ? "true" : "false", numeric: false);
                }
                else
                {
                    Bad(builder, spec, arg);
                }

                break;
            case string s:
                FormatString(builder, spec, s, arg);
                break;
            case double or float:
                FormatFloat(builder, spec, Convert.ToDouble(arg, CultureInfo.InvariantCulture), arg);
                break;
            case long or int or short or sbyte:
                FormatInteger(builder, spec, Convert.ToInt64(arg, CultureInfo.InvariantCulture), negativeAllowed: true, arg);
                break;
            case ulong or uint or ushort or byte:
                var u = Convert.ToUInt64(arg, CultureInfo.InvariantCulture);
                if (u > long.MaxValue)
                {
                    Pad(builder, spec, u.ToString(CultureInfo.InvariantCulture), numeric: true);
                }
                else
                {
                    FormatInteger(builder, spec, (long)u, negativeAllowed: false, arg);
                }

                break;
            case IList<object?> list:
                if (spec.Verb is 's' or 'x' or 'X' or 'q' or 'd' or 'v' or 'f' or 'e' or 'g' or 't' or 'c' or 'o' or 'b' or 'E' or 'G' or 'F')
                {
                    builder.Append('[');
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(' ');
                        }

                        FormatOne(builder, spec, list[i]);
                    }

                    builder.Append(']');
                }
                else
                {
                    Bad(builder, spec, arg);
                }

                break;
            case IDictionary<string, object?> map:
                builder.Append("map[");
                var first = true;
                foreach (var key in GoValues.SortedKeys(map))
                {
                    if (!first)
                    {
                        builder.Append(' ');
                    }

                    first = false;
                    FormatOne(builder, spec, key);
                    builder.Append(':');
                    FormatOne(builder, spec, map[key]);
                }

                builder.Append(']');
                break;
            default:
                Pad(builder, spec, GoValues.Print(arg), numeric: false);
                break;
        }
    }

    private static void Bad(StringBuilder builder, Spec spec, object? arg)
    {
        builder.Append("%!").Append(spec.Verb).Append('(');
        if (arg is null)
        {
            builder.Append("<nil>");
        }
        else
        {
            builder.Append(GoValues.TypeName(arg)).Append('=');
            GoValues.AppendValue(builder, arg);
        }

        builder.Append(')');
    }

    private static void FormatString(StringBuilder builder, Spec spec, string s, object arg)
    {
        switch (spec.Verb)
        {
            case 'v':
            case 's':
                Pad(builder, spec, Truncate(s, spec.Precision), numeric: false);
                break;
            case 'q':
                Pad(builder, spec, spec.Sharp && CanBackquote(s) ? "`" + s + "`" : Quote(Truncate(s, spec.Precision), spec.Plus), numeric: false);
                break;
            case 'x':
            case 'X':
                var bytes = Encoding.UTF8.GetBytes(s);
                var length = spec.Precision >= 0 ? Math.Min(spec.Precision, bytes.Length) : bytes.Length;
                var hex = new StringBuilder();
                for (var i = 0; i < length; i++)
                {
                    if (spec.Space && i > 0)
                    {
                        hex.Append(' ');
                    }

                    if (spec.Sharp && (spec.Space || i == 0))
                    {
                        hex.Append(spec.Verb == 'x' ? "0x" : "0X");
                    }

                    hex.Append(bytes[i].ToString(spec.Verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }

                Pad(builder, spec, hex.ToString(), numeric: false);
                break;
            default:
                Bad(builder, spec, arg);
                break;
        }
    }

    private static string Truncate(string s, int precision)
    {
        if (precision < 0)
        {
            return s;
        }

        var runes = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (runes == precision)
            {
                return s.Substring(0, i);
            }

            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length)
            {
                i++;
            }

            runes++;
        }

        return s;
    }

    private static void FormatInteger(StringBuilder builder, Spec spec, long value, bool negativeAllowed, object arg)
    {
        _ = negativeAllowed;
        string digits;
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        switch (spec.Verb)
        {
            case 'v':
            case 'd':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'x':
                digits = magnitude.ToString("x", CultureInfo.InvariantCulture);
                break;
            case 'X':
                digits = magnitude.ToString("X", CultureInfo.InvariantCulture);
                break;
            case 'o':
            case 'O':
                digits = Convert.ToString((long)magnitude, 8);
                break;
            case 'b':
                digits = Convert.ToString((long)magnitude, 2);
                break;
            case 'c':
                Pad(builder, spec, value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD", numeric: false);
                return;
            case 'q':
                var ch = value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";
                Pad(builder, spec, "'" + (ch == "'" ? "\\'" : Quote(ch, spec.Plus).Trim('"').Replace("\\\"", "\"")) + "'", numeric: false);
                return;
            case 'U':
                Pad(builder, spec, "U+" + magnitude.ToString("X4", CultureInfo.InvariantCulture), numeric: false);
                return;
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
            case 's':
            case 't':
            default:
                Bad(builder, spec, arg);
                return;
        }

        if (spec.Precision >= 0)
        {
            if (spec.Precision == 0 && magnitude == 0)
            {
                digits = string.Empty;
            }

            digits = digits.PadLeft(spec.Precision, '0');
        }

        var prefix = spec.Sharp ? spec.Verb switch { 'x' => "0x", 'X' => "0X", 'o' => "0", 'b' => "0b", _ => string.Empty } : spec.Verb == 'O' ? "0o" : string.Empty;
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        if (spec.Zero && spec.Width > 0 && spec.Precision < 0 && !spec.Minus)
        {
            var zeros = spec.Width - sign.Length - prefix.Length - digits.Length;
            if (zeros > 0)
            {
                digits = new string('0', zeros) + digits;
            }
        }

        Pad(builder, spec, sign + prefix + digits, numeric: true);
    }

    private static void FormatFloat(StringBuilder builder, Spec spec, double value, object arg)
    {
        string text;
        switch (spec.Verb)
        {
            case 'v':
            case 'g':
                text = GoValues.FormatFloat(value, 'g', spec.Precision);
                break;
            case 'G':
                text = GoValues.FormatFloat(value, 'G', spec.Precision);
                break;
            case 'e':
            case 'E':
                text = GoValues.FormatFloat(value, spec.Verb, spec.Precision < 0 ? 6 : spec.Precision);
                break;
            case 'f':
            case 'F':
                text = GoValues.FormatFloat(value, 'f', spec.Precision < 0 ? 6 : spec.Precision);
                break;
            case 'x':
            case 'X':
                text = HexFloat(value, spec.Verb == 'X', spec.Precision);
                break;
            default:
                Bad(builder, spec, arg);
                return;
        }

        if (spec.Sharp && spec.Verb is 'v' or 'g' or 'G' && !text.Contains('.') && !text.Contains('e') && !text.Contains('E') && !double.IsInfinity(value) && !double.IsNaN(value))
        {
            text += ".";
        }

        var negative = text.StartsWith('-');
        var body = negative ? text.Substring(1) : text;
        if (body.StartsWith('+'))
        {
            body = body.Substring(1);
        }

        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            sign = double.IsNaN(value) ? (spec.Plus ? "+" : spec.Space ? " " : string.Empty) : sign.Length == 0 && value > 0 && spec.Plus ? "+" : sign;
            Pad(builder, new Spec { Minus = spec.Minus, Width = spec.Width }, sign + body, numeric: false);
            return;
        }

        if (spec.Zero && spec.Width > 0 && !spec.Minus)
        {
            var zeros = spec.Width - sign.Length - body.Length;
            if (zeros > 0)
            {
                body = new string('0', zeros) + body;
            }
        }

        Pad(builder, spec, sign + body, numeric: true);
    }

    private static void FormatComplex(StringBuilder builder, Spec spec, System.Numerics.Complex value)
    {
        if (spec.Verb is not ('v' or 'f' or 'F' or 'e' or 'E' or 'g' or 'G' or 'x' or 'X'))
        {
            Bad(builder, spec, value);
            return;
        }

        var part = new Spec { Plus = spec.Plus, Space = spec.Space, Sharp = spec.Sharp, Precision = spec.Precision, Verb = spec.Verb };
        var text = new StringBuilder("(");
        FormatFloat(text, part, value.Real, value.Real);
        part.Plus = true;
        FormatFloat(text, part, value.Imaginary, value.Imaginary);
        text.Append("i)");
        Pad(builder, spec, text.ToString(), numeric: false);
    }

    // strconv.FormatFloat(v, 'x', prec, 64): "0x1.8p+01".
    private static string HexFloat(double value, bool upper, int precision)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        value = Math.Abs(value);
        string body;
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            body = double.IsNaN(value) ? "NaN" : "Inf";
        }
        else
        {
            long mantissa;
            var exponent = 0;
            if (value == 0)
            {
                mantissa = 0;
            }
            else
            {
                var bits = BitConverter.DoubleToInt64Bits(value);
                var biased = (int)((bits >> 52) & 0x7FF);
                mantissa = bits & 0xFFFFFFFFFFFFFL;
                if (biased == 0)
                {
                    // Subnormal: normalise so the leading bit is the implicit one.
                    exponent = -1022;
                    while ((mantissa & (1L << 52)) == 0)
                    {
                        mantissa <<= 1;
                        exponent--;
                    }

                    mantissa &= 0xFFFFFFFFFFFFFL;
                }
                else
                {
                    exponent = biased - 1023;
                }
            }

            var fraction = mantissa.ToString("x13", CultureInfo.InvariantCulture);
            if (precision >= 0 && precision < 13)
            {
                // Round half to even at the requested number of hex digits.
                var shift = (13 - precision) * 4;
                var full = (1L << 52) | mantissa;
                var half = 1L << (shift - 1);
                var remainder = full & ((1L << shift) - 1);
                var kept = full >> shift;
                if (remainder > half || (remainder == half && (kept & 1) == 1))
                {
                    kept++;
                }

                if (kept >> (52 - shift) >= 2)
                {
                    kept >>= 1;
                    exponent++;
                }

                var lead = value == 0 ? "0" : "1";
                fraction = precision == 0 ? string.Empty : (kept & ((1L << (52 - shift)) - 1)).ToString("x" + precision, CultureInfo.InvariantCulture);
                body = "0x" + lead + (fraction.Length > 0 ? "." + fraction : string.Empty);
            }
            else
            {
                fraction = precision < 0 ? fraction.TrimEnd('0') : fraction.PadRight(precision, '0');
                body = "0x" + (value == 0 ? "0" : "1") + (fraction.Length > 0 ? "." + fraction : string.Empty);
            }

            body += "p" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        if (upper)
        {
            body = body.ToUpperInvariant();
        }

        return negative ? "-" + body : body;
    }

    // %#v: a Go-syntax representation.
    private static string GoSyntax(object? value, bool topLevel)
    {
        switch (value)
        {
            case null:
                return topLevel ? "<nil>" : "interface {}(nil)";
            case string s:
                return Quote(s);
            case bool b:
                return b ? "true" : "false";
            case IList<object?> list:
                return "[]interface {}{" + string.Join(", ", list.Select(item => GoSyntax(item, topLevel: false))) + "}";
            case IDictionary<string, object?> map:
                return "map[string]interface {}{" + string.Join(", ", GoValues.SortedKeys(map).Select(k => Quote(k) + ":" + GoSyntax(map[k], topLevel: false))) + "}";
            default:
                return GoValues.Print(value);
        }
    }

    private static void Pad(StringBuilder builder, Spec spec, string text, bool numeric)
    {
        var runes = CountRunes(text);
        if (spec.Width <= runes)
        {
            builder.Append(text);
            return;
        }

        var padding = spec.Width - runes;
        if (spec.Minus)
        {
            builder.Append(text).Append(' ', padding);
        }
        else
        {
            builder.Append(spec.Zero && !numeric ? '0' : ' ', padding).Append(text);
        }
    }

    private static int CountRunes(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private static bool CanBackquote(string s)
    {
        foreach (var c in s)
        {
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>strconv.Quote</c> (or <c>QuoteToASCII</c> with <paramref name="ascii"/>).</summary>
    public static string Quote(string s, bool ascii = false)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            int rune = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }

            switch (rune)
            {
                case '"':
                    builder.Append("\\\"");
                    continue;
                case '\\':
                    builder.Append("\\\\");
                    continue;
                case '\a':
                    builder.Append("\\a");
                    continue;
                case '\b':
                    builder.Append("\\b");
                    continue;
                case '\f':
                    builder.Append("\\f");
                    continue;
                case '\n':
                    builder.Append("\\n");
                    continue;
                case '\r':
                    builder.Append("\\r");
                    continue;
                case '\t':
                    builder.Append("\\t");
                    continue;
                case '\v':
                    builder.Append("\\v");
                    continue;
            }

            if (rune < ' ' || rune == 0x7F)
            {
                builder.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune < 0x7F || (!ascii && IsPrint(rune)))
            {
                builder.Append(char.ConvertFromUtf32(rune));
            }
            else if (rune < 0x10000)
            {
                builder.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Go's <c>unicode.IsPrint</c>, approximately: letters, marks, numbers, punctuation, symbols and U+0020.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }

        if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
