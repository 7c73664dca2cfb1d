using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orkestra.Templating.Conditions;

/// <summary>
/// Regular expressions with RE2 semantics (Go's <c>regexp</c>, which upstream uses) on .NET's engine: the pattern is
/// checked against RE2's syntax and translated (<c>\d \w \s</c> and POSIX classes are ASCII, <c>$</c> without the
/// <c>m</c> flag matches only at the end of the text, <c>(?P&lt;name&gt;)</c>, <c>\Q…\E</c>, <c>\x{…}</c>, <c>\pL</c>),
/// then compiled non-backtracking (linear time, like RE2) with a match timeout. Constructs RE2 lacks — backreferences,
/// lookaround, atomic groups, conditionals, <c>\Z</c>, <c>\G</c> — are rejected with a clear message.
/// </summary>
public static class Re2Regex
{
    /// <summary>How long one match may run before it fails.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    // Translated patterns compiled at evaluation time (templated values), bounded so hostile input cannot grow it.
    private const int CacheLimit = 256;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = "\\x00-\\x7F",
        ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F",
        ["digit"] = "0-9",
        ["graph"] = "!-~",
        ["lower"] = "a-z",
        ["print"] = " -~",
        ["punct"] = "!-/:-@\\[-`{-~",
        ["space"] = "\\t\\n\\v\\f\\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static Regex Compile(string pattern)
    {
        var translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException(ex.Message, ex);
        }
    }

    /// <summary>Compiles <paramref name="pattern"/>, reusing an earlier compilation of the same pattern.</summary>
    public static Regex CompileCached(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var regex = Compile(pattern);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[pattern] = regex;
        return regex;
    }

    /// <summary>Checks <paramref name="pattern"/> against RE2's syntax and returns the equivalent .NET pattern.</summary>
    public static string Translate(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var multiline = HasMultilineFlag(pattern);
        var inClass = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i = Escape(pattern, i, inClass, output);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                    output.Append(']');
                }
                else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    i = Posix(pattern, i, output);
                    continue;
                }
                else if (c == '[')
                {
                    output.Append("\\[");
                }
                else
                {
                    output.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    output.Append('[');
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        output.Append('^');
                        i++;
                    }

                    // A ']' right after '[' or '[^' is a literal.
                    if (i < pattern.Length && pattern[i] == ']')
                    {
                        output.Append("\\]");
                        i++;
                    }

                    continue;
                case '(':
                    i = Group(pattern, i, output);
                    continue;
                case '$':
                    output.Append(multiline ? "$" : "\\z");
                    break;
                case '{':
                    CheckRepeat(pattern, i);
                    output.Append(c);
                    break;
                default:
                    output.Append(c);
                    break;
            }

            i++;
        }

        if (inClass)
        {
            throw Invalid("missing closing ]");
        }

        return output.ToString();
    }

    private static ArgumentException Invalid(string reason) => new(reason);

    // Whether any flag group turns on multi-line mode, in which '$' keeps its meaning.
    private static bool HasMultilineFlag(string pattern)
    {
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            for (var j = i + 2; j < pattern.Length && (char.IsAsciiLetter(pattern[j]) || pattern[j] == '-'); j++)
            {
                if (pattern[j] == 'm')
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Group(string pattern, int i, StringBuilder output)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            output.Append('(');
            return i + 1;
        }

        var rest = pattern.Substring(i + 2);
        if (rest.StartsWith("P<", StringComparison.Ordinal) || (rest.StartsWith("<", StringComparison.Ordinal) && !rest.StartsWith("<=", StringComparison.Ordinal) && !rest.StartsWith("<!", StringComparison.Ordinal)))
        {
            var nameStart = i + 2 + (rest[0] == 'P' ? 2 : 1);
            var close = pattern.IndexOf('>', nameStart);
            var name = close < 0 ? string.Empty : pattern.Substring(nameStart, close - nameStart);
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                throw Invalid("invalid named capture '" + (close < 0 ? pattern.Substring(i) : pattern.Substring(i, close - i + 1)) + "'");
            }

            output.Append("(?<").Append(name).Append('>');
            return close + 1;
        }

        var unsupported = rest switch
        {
            _ when rest.StartsWith("=", StringComparison.Ordinal) || rest.StartsWith("!", StringComparison.Ordinal) => "lookahead (?= and (?! is",
            _ when rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal) => "lookbehind (?<= and (?<! is",
            _ when rest.StartsWith(">", StringComparison.Ordinal) => "atomic groups (?> are",
            _ when rest.StartsWith("(", StringComparison.Ordinal) => "conditionals (?( are",
            _ when rest.StartsWith("#", StringComparison.Ordinal) => "comments (?# are",
            _ when rest.StartsWith("'", StringComparison.Ordinal) => "named groups written (?'name') are",
            _ when rest.StartsWith("P=", StringComparison.Ordinal) || rest.StartsWith("P>", StringComparison.Ordinal) => "backreferences are",
            _ => null,
        };
        if (unsupported is not null)
        {
            throw Invalid(unsupported + " not supported by RE2");
        }

        // Flags: (?flags) or (?flags:re), flags from i, m, s and U, '-' to clear.
        var j = i + 2;
        var sawFlag = false;
        var sawMinus = false;
        while (j < pattern.Length && pattern[j] != ')' && pattern[j] != ':')
        {
            var flag = pattern[j];
            if (flag == '-' && !sawMinus)
            {
                sawMinus = true;
            }
            else if (flag is 'i' or 'm' or 's')
            {
                sawFlag = true;
            }
            else if (flag == 'U')
            {
                throw Invalid("the U (ungreedy) flag is not supported; write lazy quantifiers such as *? instead");
            }
            else
            {
                throw Invalid("invalid or unsupported group '(?" + flag + "'");
            }

            j++;
        }

        if (j >= pattern.Length || (!sawFlag && pattern[j] == ')') || (sawMinus && pattern[j - 1] == '-'))
        {
            throw Invalid("invalid flag group '" + pattern.Substring(i, Math.Min(j + 1, pattern.Length) - i) + "'");
        }

        output.Append(pattern, i, j + 1 - i);
        return j + 1;
    }

    // Go rejects repeat counts above 1000.
    private static void CheckRepeat(string pattern, int i)
    {
        var close = pattern.IndexOf('}', i);
        if (close < 0)
        {
            return;
        }

        var body = pattern.Substring(i + 1, close - i - 1).Split(',');
        if (body.Length > 2 || body[0].Length == 0 || !body.All(p => p.All(char.IsAsciiDigit)))
        {
            return; // not a repeat: a literal '{'
        }

        foreach (var count in body.Where(p => p.Length > 0))
        {
            if (count.Length > 4 || int.Parse(count, CultureInfo.InvariantCulture) > 1000)
            {
                throw Invalid("invalid repeat count '" + pattern.Substring(i, close - i + 1) + "' (at most 1000)");
            }
        }
    }

    private static int Posix(string pattern, int i, StringBuilder output)
    {
        var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            output.Append("\\[");
            return i + 1;
        }

        var name = pattern.Substring(i + 2, close - i - 2);
        if (name.StartsWith("^", StringComparison.Ordinal))
        {
            throw Invalid("negated POSIX class '[:" + name + ":]' is not supported; negate the whole class instead");
        }

        if (!PosixClasses.TryGetValue(name, out var ranges))
        {
            throw Invalid("invalid character class range '[:" + name + ":]'");
        }

        output.Append(ranges);
        return close + 2;
    }

    private static int Escape(string pattern, int i, bool inClass, StringBuilder output)
    {
        if (i + 1 >= pattern.Length)
        {
            throw Invalid("trailing backslash at end of expression");
        }

        var c = pattern[i + 1];
        switch (c)
        {
            case 'd':
                output.Append(inClass ? "0-9" : "[0-9]");
                return i + 2;
            case 'D':
                output.Append(inClass ? "\\D" : "[^0-9]");
                return i + 2;
            case 's':
                output.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
                return i + 2;
            case 'S':
                output.Append(inClass ? "\\S" : "[^\\t\\n\\f\\r ]");
                return i + 2;
            case 'w':
                output.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]");
                return i + 2;
            case 'W':
                output.Append(inClass ? "\\W" : "[^0-9A-Za-z_]");
                return i + 2;
            case 'A' or 'z' or 'b' or 'B' when !inClass:
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                output.Append('\\').Append(c);
                return i + 2;
            case 'p' or 'P':
                return Property(pattern, i, output);
            case 'Q':
                var end = pattern.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? pattern.Substring(i + 2) : pattern.Substring(i + 2, end - i - 2);
                foreach (var ch in literal)
                {
                    AppendLiteral(output, ch);
                }

                return end < 0 ? pattern.Length : end + 2;
            case 'x':
                return Hex(pattern, i, output);
            case '0':
            case >= '1' and <= '7' when i + 2 < pattern.Length && pattern[i + 2] is >= '0' and <= '7':
                var digits = 1;
                while (digits < 3 && i + 1 + digits < pattern.Length && pattern[i + 1 + digits] is >= '0' and <= '7')
                {
                    digits++;
                }

                AppendLiteral(output, (char)Convert.ToInt32(pattern.Substring(i + 1, digits), 8));
                return i + 1 + digits;
            case >= '1' and <= '9':
                throw Invalid("backreferences (\\" + c + ") are not supported by RE2");
            case 'k':
                throw Invalid("backreferences (\\k) are not supported by RE2");
            case 'Z':
                throw Invalid("\\Z is not supported by RE2; use \\z for the end of the text");
            case 'C':
                throw Invalid("\\C (any byte) is not supported");
            case 'E':
                throw Invalid("\\E without a preceding \\Q");
            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                {
                    output.Append('\\').Append(c);
                    return i + 2;
                }

                throw Invalid("invalid escape sequence '\\" + c + "'");
        }
    }

    private static int Property(string pattern, int i, StringBuilder output)
    {
        var negated = pattern[i + 1] == 'P';
        string name;
        int next;
        if (i + 2 < pattern.Length && pattern[i + 2] == '{')
        {
            var close = pattern.IndexOf('}', i + 3);
            if (close < 0)
            {
                throw Invalid("invalid character class range '" + pattern.Substring(i) + "'");
            }

            name = pattern.Substring(i + 3, close - i - 3);
            next = close + 1;
        }
        else if (i + 2 < pattern.Length && char.IsAsciiLetter(pattern[i + 2]))
        {
            name = pattern[i + 2].ToString();
            next = i + 3;
        }
        else
        {
            throw Invalid("invalid character class range '\\" + pattern[i + 1] + "'");
        }

        if (name.StartsWith("^", StringComparison.Ordinal))
        {
            negated = !negated;
            name = name.Substring(1);
        }

        if (name.Length == 0 || !name.All(ch => char.IsAsciiLetter(ch) || ch == '_'))
        {
            throw Invalid("invalid character class range '\\p{" + name + "}'");
        }

        output.Append(negated ? "\\P{" : "\\p{").Append(name).Append('}');
        return next;
    }

    private static int Hex(string pattern, int i, StringBuilder output)
    {
        string digits;
        int next;
        if (i + 2 < pattern.Length && pattern[i + 2] == '{')
        {
            var close = pattern.IndexOf('}', i + 3);
            digits = close < 0 ? string.Empty : pattern.Substring(i + 3, close - i - 3);
            next = close + 1;
        }
        else
        {
            digits = i + 4 <= pattern.Length ? pattern.Substring(i + 2, 2) : string.Empty;
            next = i + 4;
        }

        if (digits.Length == 0 || digits.Length > 8 || !digits.All(char.IsAsciiHexDigit)
            || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
        {
            throw Invalid("invalid escape sequence '\\x" + (digits.Length > 0 ? digits : string.Empty) + "'");
        }

        foreach (var ch in char.ConvertFromUtf32(code >= 0xD800 && code <= 0xDFFF ? 0xFFFD : code))
        {
            AppendLiteral(output, ch);
        }

        return next;
    }

    private static void AppendLiteral(StringBuilder output, char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_' || c > 0x7F && !char.IsSurrogate(c) && !char.IsWhiteSpace(c))
        {
            output.Append(c);
        }
        else
        {
            output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }
}
