using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orkestra.Templating.Conditions;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The validation notes (upstream <c>pkg/note/validation.go</c>): shape checks of free-text input, with the rules of
/// the Go functions upstream calls (<c>net/mail.ParseAddress</c>, <c>net/url.ParseRequestURI</c>,
/// <c>encoding/json.Valid</c>, <c>strconv.Atoi</c>) and upstream's regular expressions, matched as RE2 does. Every
/// parameter is a string: nil reads as "", any other type fails.
/// </summary>
internal static class ValidationNotes
{
    private static readonly Regex[] GitRepositoryPatterns =
    {
        Re2Regex.Compile(@"^(https?|git|ssh)://[^\s]+$"),
        Re2Regex.Compile(@"^[\w.-]+@[\w.-]+:[\w./~-]+(\.git)?$"),
    };

    private static readonly Regex ImageReferencePattern = Re2Regex.Compile(
        @"^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
        + @"(?::[\w][\w.-]{0,127}|@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$");

    public static void Register(NoteRegistry notes)
    {
        notes.Add("isValidEmail", c => IsEmail(Text(c.Arguments[0])));
        notes.Add("isValidGitRepository", c => Text(c.Arguments[0]) is { Length: > 0 } text && GitRepositoryPatterns.Any(pattern => pattern.IsMatch(text)));
        notes.Add("isValidURL", c => IsHttpUrl(Text(c.Arguments[0])));
        notes.Add("isValidImageRef", c => Text(c.Arguments[0]) is { Length: > 0 } text && ImageReferencePattern.IsMatch(text));
        notes.Add("isValidJSON", c => IsJson(Text(c.Arguments[0])));
        notes.Add("isValidPort", c => IsPort(Text(c.Arguments[0])));
    }

    // net/mail.ParseAddress(s) succeeding with an Address equal to strings.TrimSpace(s): spaces and tabs around a
    // dot-atom local part, "@", and a dot-atom domain or an IP domain literal. A quoted local part, a display name or
    // a comment always differs from the trimmed text, so they fail.
    private static bool IsEmail(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && s[start] is ' ' or '\t')
        {
            start++;
        }

        while (end > start && s[end - 1] is ' ' or '\t')
        {
            end--;
        }

        // TrimSpace would remove other white space at either end, which the parsed address keeps.
        if (start == end || char.IsWhiteSpace(s[start]) || char.IsWhiteSpace(s[end - 1]))
        {
            return false;
        }

        var i = start;
        if (!DotAtom(s, ref i, end) || i == end || s[i] != '@')
        {
            return false;
        }

        i++;
        if (i < end && s[i] == '[')
        {
            var close = s.IndexOf(']', i);
            if (close != end - 1)
            {
                return false;
            }

            for (var j = i + 1; j < close; j++)
            {
                if (s[j] is '[' or '\\' || !IsVisible(s, ref j))
                {
                    return false;
                }
            }

            return NetNotes.TryParseIp(s.Substring(i + 1, close - i - 1), out _);
        }

        return DotAtom(s, ref i, end) && i == end;
    }

    // An RFC 5322 dot-atom as Go reads it: atext runs (non-ASCII allowed) joined by single dots.
    private static bool DotAtom(string s, ref int i, int end)
    {
        var start = i;
        while (i < end && s[i] is not ('(' or ')' or '<' or '>' or '[' or ']' or ':' or ';' or '@' or '\\' or ',' or '"'))
        {
            if (s[i] != '.' && !IsVisible(s, ref i))
            {
                if (char.IsSurrogate(s[i]))
                {
                    return false; // invalid UTF-8
                }

                break;
            }

            i++;
        }

        var atom = s.Substring(start, i - start);
        return atom.Length > 0 && atom[0] != '.' && atom[^1] != '.' && !atom.Contains("..", StringComparison.Ordinal);
    }

    // RFC 5322 VCHAR as Go reads it: '!' to '~', or any non-ASCII character (a surrogate pair is stepped over).
    private static bool IsVisible(string s, ref int i)
    {
        var c = s[i];
        if (c is >= '!' and <= '~')
        {
            return true;
        }

        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i++;
            return true;
        }

        return c >= 0x80 && !char.IsSurrogate(c);
    }

    // net/url.ParseRequestURI(s) succeeding with scheme http or https (any case) and a non-empty host.
    private static bool IsHttpUrl(string s)
    {
        foreach (var c in s)
        {
            if (c < ' ' || c == 0x7f)
            {
                return false;
            }
        }

        var colon = SchemeEnd(s);
        if (colon <= 0)
        {
            return false;
        }

        var scheme = s.Substring(0, colon).ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return false;
        }

        var rest = s.Substring(colon + 1);
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            rest = rest.Substring(0, query);
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return false; // an opaque or host-less URL
        }

        var authority = rest.Substring(2);
        var path = string.Empty;
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            path = authority.Substring(slash);
            authority = authority.Substring(0, slash);
        }

        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority : authority.Substring(at + 1);
        if (!ParseHost(host, out var parsedHost) || (at >= 0 && !ValidUserinfo(authority.Substring(0, at))))
        {
            return false;
        }

        return Unescape(path, UrlPart.Other, out _) && parsedHost.Length > 0;
    }

    // net/url's getScheme: the index of the ':' ending a scheme, 0 for a leading ':', -1 when there is no scheme.
    private static int SchemeEnd(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return -1;
                }

                continue;
            }

            return c == ':' ? i : -1;
        }

        return -1;
    }

    // net/url's parseHost: a bracketed IP literal (with an optional %25 zone) or a host, each with an optional
    // :digits port; percent escapes in a host may only encode non-ASCII bytes (or be %25).
    private static bool ParseHost(string host, out string parsed)
    {
        parsed = string.Empty;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0 || !ValidOptionalPort(host.Substring(close + 1)))
            {
                return false;
            }

            var zone = host.IndexOf("%25", 0, close, StringComparison.Ordinal);
            if (zone >= 0)
            {
                if (!Unescape(host.Substring(0, zone), UrlPart.Host, out var before)
                    || !Unescape(host.Substring(zone, close - zone), UrlPart.Zone, out var inZone)
                    || !Unescape(host.Substring(close), UrlPart.Host, out var after))
                {
                    return false;
                }

                parsed = before + inZone + after;
                return true;
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            if (colon >= 0 && !ValidOptionalPort(host.Substring(colon)))
            {
                return false;
            }
        }

        return Unescape(host, UrlPart.Host, out parsed);
    }

    private static bool ValidOptionalPort(string port) =>
        port.Length == 0 || (port[0] == ':' && port.Skip(1).All(char.IsAsciiDigit));

    private static bool ValidUserinfo(string userinfo) =>
        userinfo.All(c => char.IsAsciiLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal))
        && Unescape(userinfo, UrlPart.Other, out _);

    private enum UrlPart
    {
        Host,
        Zone,
        Other,
    }

    // net/url's unescape: every '%' starts two hex digits; in a host and a zone, ASCII characters that would need
    // escaping are refused, and so are escapes of ASCII bytes (but %25) in a host and of such characters in a zone.
    private static bool Unescape(string s, UrlPart part, out string result)
    {
        result = string.Empty;
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                var value = (byte)Convert.ToInt32(s.Substring(i + 1, 2), 16);
                var isPercent = value == '%';
                if (part == UrlPart.Host && value < 0x80 && !isPercent)
                {
                    return false;
                }

                // In a zone an escape may only stand for what a host could hold unescaped (or a space); every byte above
                // ASCII would need escaping there.
                if (part == UrlPart.Zone && !isPercent && value != ' ' && (value >= 0x80 || HostNeedsEscape((char)value)))
                {
                    return false;
                }

                bytes.Add(value);
                i += 3;
                continue;
            }

            if (part != UrlPart.Other && c < 0x80 && HostNeedsEscape(c))
            {
                return false;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, length)));
            i += length;
        }

        result = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    // net/url's shouldEscape(c, encodeHost) for an ASCII character.
    private static bool HostNeedsEscape(char c) =>
        !(char.IsAsciiLetterOrDigit(c) || "!$&'()*+,;=:[]<>\"-_.~".Contains(c, StringComparison.Ordinal));

    // encoding/json.Valid: one RFC 8259 value with surrounding white space, at most 10000 levels deep.
    private static bool IsJson(string s)
    {
        if (s.Length > 0 && s[0] == '\uFEFF')
        {
            return false;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(s), new JsonReaderOptions { MaxDepth = 10000 });
        try
        {
            var read = false;
            while (reader.Read())
            {
                read = true;
            }

            return read;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // strconv.Atoi (an optional sign and decimal digits) giving 1 to 65535.
    private static bool IsPort(string s)
    {
        var digits = s.Length > 0 && s[0] is '+' or '-' ? s.Substring(1) : s;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || s[0] == '-')
        {
            return false;
        }

        digits = digits.TrimStart('0');
        return digits.Length is > 0 and <= 5 && int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) <= 65535;
    }
}
