using System.Globalization;
using System.Text;

namespace Orkestra.Templating.Syntax;

/// <summary>Go's rules for string, character and number constants (<c>strconv.Unquote</c>, <c>ParseInt(s, 0, 64)</c>).</summary>
internal static class Literals
{
    /// <summary>The value of a quoted (<c>"…"</c>) or raw (<c>`…`</c>) string constant.</summary>
    public static string Unquote(string quoted, string text, int offset)
    {
        if (quoted.Length >= 2 && quoted[0] == '`')
        {
            return quoted.Substring(1, quoted.Length - 2).Replace("\r", string.Empty);
        }

        var builder = new StringBuilder(quoted.Length);
        var i = 1;
        while (i < quoted.Length - 1)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (!TryEscape(quoted, ref i, '"', builder))
            {
                throw new TemplateSyntaxException("invalid syntax in string " + quoted, text, offset);
            }
        }

        return builder.ToString();
    }

    /// <summary>A number or character constant, with the representations Go's parser gives it.</summary>
    public static NumberNode Number(string literal, bool isChar, string text, int offset)
    {
        var node = new NumberNode(offset, literal);
        if (isChar)
        {
            var builder = new StringBuilder();
            var i = 1;
            if (literal.Length < 3 || literal[literal.Length - 1] != '\'')
            {
                throw new TemplateSyntaxException("malformed character constant: " + literal, text, offset);
            }

            if (literal[1] == '\\')
            {
                if (!TryEscape(literal, ref i, '\'', builder) || i != literal.Length - 1)
                {
                    throw new TemplateSyntaxException("malformed character constant: " + literal, text, offset);
                }
            }
            else
            {
                var length = char.IsHighSurrogate(literal[1]) ? 2 : 1;
                if (1 + length != literal.Length - 1)
                {
                    throw new TemplateSyntaxException("malformed character constant: " + literal, text, offset);
                }

                builder.Append(literal, 1, length);
            }

            var rune = char.ConvertToUtf32(builder.ToString(), 0);
            node.IsChar = true;
            node.IsInt = node.IsUint = node.IsFloat = true;
            node.Int = rune;
            node.Uint = (ulong)rune;
            node.Float = rune;
            return node;
        }

        if (literal.EndsWith("i", StringComparison.Ordinal))
        {
            // An imaginary constant (2i), or a complex one (1+2i).
            var split = Math.Max(literal.LastIndexOf('+'), literal.LastIndexOf('-'));
            while (split > 0 && (literal[split - 1] == 'e' || literal[split - 1] == 'E' || literal[split - 1] == 'p' || literal[split - 1] == 'P'))
            {
                split = Math.Max(literal.LastIndexOf('+', split - 1), literal.LastIndexOf('-', split - 1));
            }

            var realText = split > 0 ? literal.Substring(0, split) : "0";
            var imaginaryText = literal.Substring(split > 0 ? split : 0, literal.Length - (split > 0 ? split : 0) - 1);
            if (!TryParseReal(realText, out var real) || !TryParseReal(imaginaryText, out var imaginary))
            {
                throw new TemplateSyntaxException("illegal number syntax: \"" + literal + "\"", text, offset);
            }

            node.IsComplex = true;
            node.Complex = new System.Numerics.Complex(real, imaginary);
            if (imaginary == 0)
            {
                node.IsFloat = true;
                node.Float = real;
                if (Math.Floor(real) == real && Math.Abs(real) < 9.2233720368547758E+18)
                {
                    node.IsInt = true;
                    node.Int = (long)real;
                }
            }

            return node;
        }

        if (TryParseUnsigned(literal, out var u))
        {
            node.IsUint = true;
            node.Uint = u;
        }

        if (TryParseSigned(literal, out var s))
        {
            node.IsInt = true;
            node.Int = s;
            if (s == 0)
            {
                node.IsUint = true;
                node.Uint = 0;
            }
        }

        if (node.IsInt)
        {
            node.IsFloat = true;
            node.Float = node.Int;
        }
        else if (node.IsUint)
        {
            node.IsFloat = true;
            node.Float = node.Uint;
        }
        else if (TryParseFloat(literal, out var f))
        {
            if (literal.IndexOfAny(new[] { '.', 'e', 'E', 'p', 'P' }) < 0)
            {
                throw new TemplateSyntaxException("integer overflow: \"" + literal + "\"", text, offset);
            }

            node.IsFloat = true;
            node.Float = f;
            if (Math.Floor(f) == f && f >= -9.2233720368547758E+18 && f < 9.2233720368547758E+18)
            {
                node.IsInt = true;
                node.Int = (long)f;
            }

            if (Math.Floor(f) == f && f >= 0 && f < 1.8446744073709552E+19)
            {
                node.IsUint = true;
                node.Uint = (ulong)f;
            }
        }

        if (!node.IsInt && !node.IsUint && !node.IsFloat)
        {
            throw new TemplateSyntaxException("illegal number syntax: \"" + literal + "\"", text, offset);
        }

        return node;
    }

    // One escape sequence at quoted[i] ('\\'); appends its value and moves i past it.
    private static bool TryEscape(string quoted, ref int i, char quote, StringBuilder builder)
    {
        if (i + 1 >= quoted.Length)
        {
            return false;
        }

        var c = quoted[i + 1];
        i += 2;
        switch (c)
        {
            case 'a': builder.Append('\a'); return true;
            case 'b': builder.Append('\b'); return true;
            case 'f': builder.Append('\f'); return true;
            case 'n': builder.Append('\n'); return true;
            case 'r': builder.Append('\r'); return true;
            case 't': builder.Append('\t'); return true;
            case 'v': builder.Append('\v'); return true;
            case '\\': builder.Append('\\'); return true;
            case '\'' when quote == '\'':
            case '"' when quote == '"':
                builder.Append(c);
                return true;
            case 'x':
                return Hex(quoted, ref i, 2, builder, bytes: true);
            case 'u':
                return Hex(quoted, ref i, 4, builder, bytes: false);
            case 'U':
                return Hex(quoted, ref i, 8, builder, bytes: false);
            case >= '0' and <= '7':
                if (i + 1 >= quoted.Length || !IsOctal(quoted[i]) || !IsOctal(quoted[i + 1]))
                {
                    return false;
                }

                var value = ((c - '0') * 64) + ((quoted[i] - '0') * 8) + (quoted[i + 1] - '0');
                if (value > 255)
                {
                    return false;
                }

                i += 2;
                AppendByte(builder, value);
                return true;
            default:
                return false;
        }
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static bool Hex(string quoted, ref int i, int digits, StringBuilder builder, bool bytes)
    {
        if (i + digits > quoted.Length)
        {
            return false;
        }

        if (!int.TryParse(quoted.Substring(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        i += digits;
        if (bytes)
        {
            AppendByte(builder, value);
            return true;
        }

        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            return false;
        }

        builder.Append(char.ConvertFromUtf32(value));
        return true;
    }

    // A \x or octal escape is one byte; below 0x80 it is that character, above it stands for a raw byte, which a
    // .NET string cannot hold: it is kept as the Latin-1 character of the same value.
    private static void AppendByte(StringBuilder builder, int value) => builder.Append((char)value);

    // strconv.ParseInt(s, 0, 64).
    private static bool TryParseSigned(string s, out long value)
    {
        value = 0;
        var negative = s.StartsWith("-", StringComparison.Ordinal);
        var body = s.StartsWith("+", StringComparison.Ordinal) || negative ? s.Substring(1) : s;
        if (!TryParseUnsigned(body, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 9223372036854775808UL)
            {
                return false;
            }

            value = magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    // strconv.ParseUint(s, 0, 64): a sign is not allowed.
    private static bool TryParseUnsigned(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || s[0] == '+' || s[0] == '-')
        {
            return false;
        }

        var radix = 10;
        var digits = s;
        var prefixed = false;
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    digits = s.Substring(2);
                    prefixed = true;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    digits = s.Substring(2);
                    prefixed = true;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    digits = s.Substring(2);
                    prefixed = true;
                    break;
                default:
                    radix = 8;
                    digits = s.Substring(1);
                    break;
            }
        }

        if (!UnderscoresOk(digits, prefixed) || digits.Replace("_", string.Empty).Length == 0)
        {
            return false;
        }

        foreach (var ch in digits)
        {
            if (ch == '_')
            {
                continue;
            }

            var d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
            if (d >= radix)
            {
                return false;
            }

            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false;
            }

            value = (value * (ulong)radix) + (ulong)d;
        }

        return true;
    }

    // Underscores may only separate digits (or follow a base prefix).
    private static bool UnderscoresOk(string digits, bool prefixed)
    {
        if (digits.IndexOf('_') < 0)
        {
            return true;
        }

        var previousIsDigit = prefixed;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                if (!previousIsDigit)
                {
                    return false;
                }

                previousIsDigit = false;
            }
            else
            {
                previousIsDigit = true;
            }
        }

        return previousIsDigit;
    }

    private static bool TryParseReal(string s, out double value)
    {
        if (TryParseSigned(s, out var integer))
        {
            value = integer;
            return true;
        }

        return TryParseFloat(s, out value);
    }

    // strconv.ParseFloat(s, 64): decimal forms and hexadecimal ones with a binary exponent (0x1p-2).
    private static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        var plain = s.Replace("_", string.Empty);
        var sign = 1.0;
        if (plain.StartsWith("-", StringComparison.Ordinal) || plain.StartsWith("+", StringComparison.Ordinal))
        {
            sign = plain[0] == '-' ? -1 : 1;
            if (plain.Length > 2 && plain[1] == '0' && (plain[2] == 'x' || plain[2] == 'X'))
            {
                plain = plain.Substring(1);
            }
        }

        if (plain.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseHexFloat(plain.Substring(2), sign, out value);
        }

        if (plain.Length == 0 || (s.IndexOf('_') >= 0 && !UnderscoresOk(s.TrimStart('+', '-').Split('.', 'e', 'E')[0], false)))
        {
            return false;
        }

        foreach (var c in plain)
        {
            if (!(c is >= '0' and <= '9' or '.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }

    // The part after "0x": hex digits, an optional '.', more hex digits, and a required binary exponent p±n.
    private static bool TryParseHexFloat(string s, double sign, out double value)
    {
        value = 0;
        var p = s.IndexOfAny(new[] { 'p', 'P' });
        if (p < 0 || !int.TryParse(s.Substring(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            return false;
        }

        double mantissa = 0;
        var scale = 0;
        var seenDot = false;
        var digits = 0;
        foreach (var c in s.Substring(0, p))
        {
            if (c == '.')
            {
                if (seenDot)
                {
                    return false;
                }

                seenDot = true;
                continue;
            }

            var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
            {
                return false;
            }

            mantissa = (mantissa * 16) + d;
            digits++;
            if (seenDot)
            {
                scale -= 4;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = sign * mantissa * Math.Pow(2, exponent + scale);
        return !double.IsInfinity(value);
    }
}
