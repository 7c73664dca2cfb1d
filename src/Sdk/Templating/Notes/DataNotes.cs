using System.Security.Cryptography;
using System.Text;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>The data notes (upstream <c>pkg/note/data.go</c>): base64, JSON, a short hash and safe names.</summary>
internal static class DataNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("toBase64", c => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(c.Arguments[0]))));
        notes.Add("fromBase64", c => FromBase64(Text(c.Arguments[0])));
        notes.Add("toJSON", c => GoJson.TryEncode(c.Arguments[0], out var json) ? json : "{}");
        notes.Add("sha256sum", c => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(c.Arguments[0]))), 0, 4));
        notes.Add("slugify", c => Slugify(Text(c.Arguments[0])));
        notes.Add("truncateName", c => StringNotes.Truncate(Text(c.Arguments[0]), Int(c.Arguments[1]), string.Empty));
    }

    // Standard base64 with padding; Go ignores line breaks; anything invalid gives "".
    private static string FromBase64(string s)
    {
        var text = s.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        if (text.IndexOf(' ', StringComparison.Ordinal) >= 0 || text.IndexOf('\t', StringComparison.Ordinal) >= 0)
        {
            return string.Empty;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : string.Empty;
    }

    // Upstream's slugify: lower case, every character outside [a-z0-9-] becomes "-", runs of "-" collapse, and
    // leading and trailing "-" go.
    private static string Slugify(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var rune in StringNotes.Runes(s.ToLowerInvariant()))
        {
            var c = rune[0];
            var keep = rune.Length == 1 && (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
            var next = keep ? c : '-';
            if (next == '-' && builder.Length > 0 && builder[builder.Length - 1] == '-')
            {
                continue;
            }

            builder.Append(next);
        }

        return builder.ToString().Trim('-');
    }
}
