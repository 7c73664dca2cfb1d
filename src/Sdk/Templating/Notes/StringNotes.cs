using System.Text;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The strings notes (upstream <c>pkg/note/strings.go</c>): Go's <c>strings</c> functions with the string first
/// (<c>hasPrefix S PREFIX</c>), plus camelToKebab, truncate and concat.
/// </summary>
internal static class StringNotes
{
    /// <summary>The longest string repeat may build, in characters.</summary>
    public const int MaxRepeatLength = 1 << 24;

    public static void Register(NoteRegistry notes)
    {
        notes.Add("toLower", c => Text(c.Arguments[0]).ToLowerInvariant());
        notes.Add("toUpper", c => Text(c.Arguments[0]).ToUpperInvariant());
        notes.Add("trimSpace", c => Text(c.Arguments[0]).Trim());
        notes.Add("trim", c => Trim(Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("trimPrefix", c => TrimPrefix(Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("trimSuffix", c => TrimSuffix(Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("hasPrefix", c => Text(c.Arguments[0]).StartsWith(Text(c.Arguments[1]), StringComparison.Ordinal));
        notes.Add("hasSuffix", c => Text(c.Arguments[0]).EndsWith(Text(c.Arguments[1]), StringComparison.Ordinal));
        notes.Add("contains", c => Text(c.Arguments[0]).Contains(Text(c.Arguments[1]), StringComparison.Ordinal));
        notes.Add("replace", c => ReplaceAll(Text(c.Arguments[0]), Text(c.Arguments[1]), Text(c.Arguments[2])));
        notes.Add("split", c => Split(Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("join", c => Join(c.Arguments[0], Text(c.Arguments[1])));
        notes.Add("repeat", c => Repeat(Text(c.Arguments[0]), Int(c.Arguments[1])));
        notes.Add("camelToKebab", c => CamelToKebab(Text(c.Arguments[0])));
        notes.Add("truncate", c => Truncate(Text(c.Arguments[0]), Int(c.Arguments[1]), "..."));
        notes.Add("concat", c =>
        {
            var builder = new StringBuilder();
            foreach (var part in c.Arguments)
            {
                builder.Append(Text(part));
            }

            return builder.ToString();
        });
    }

    private static string Trim(string s, string cutset) => cutset.Length == 0 ? s : s.Trim(cutset.ToCharArray());

    private static string TrimPrefix(string s, string prefix) =>
        prefix.Length > 0 && s.StartsWith(prefix, StringComparison.Ordinal) ? s.Substring(prefix.Length) : s;

    private static string TrimSuffix(string s, string suffix) =>
        suffix.Length > 0 && s.EndsWith(suffix, StringComparison.Ordinal) ? s.Substring(0, s.Length - suffix.Length) : s;

    // strings.ReplaceAll: an empty OLD inserts NEW before every character and at the end.
    private static string ReplaceAll(string s, string old, string replacement)
    {
        if (old.Length > 0)
        {
            return s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var builder = new StringBuilder(replacement);
        foreach (var rune in Runes(s))
        {
            builder.Append(rune).Append(replacement);
        }

        return builder.ToString();
    }

    // Upstream's strSplit: "" gives an empty list; strings.Split with an empty separator splits into characters.
    private static List<object?> Split(string s, string separator)
    {
        if (s.Length == 0)
        {
            return new List<object?>();
        }

        return separator.Length == 0
            ? Strings(Runes(s))
            : Strings(s.Split(separator, StringSplitOptions.None));
    }

    private static string Join(object? list, string separator)
    {
        switch (list)
        {
            case null:
                return string.Empty;
            case IList<object?> items:
                var builder = new StringBuilder();
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(separator);
                    }

                    if (items[i] is not null)
                    {
                        builder.Append(Print(items[i]));
                    }
                }

                return builder.ToString();
            default:
                throw WrongType("[]string", list);
        }
    }

    private static string Repeat(string s, long count)
    {
        if (count < 0)
        {
            throw new TemplateFunctionException("negative Repeat count");
        }

        if (s.Length == 0 || count == 0)
        {
            return string.Empty;
        }

        if (count > MaxRepeatLength / s.Length)
        {
            throw new TemplateFunctionException("repeat: the result would be longer than " + MaxRepeatLength + " characters");
        }

        return new StringBuilder(s.Length * (int)count).Insert(0, s, (int)count).ToString();
    }

    // Upstream's camelToKebab: a dash before an upper-case letter that follows a lower-case one, or that ends an
    // acronym (upper-case before, lower-case after); ASCII letters are lowered, everything else is kept.
    private static string CamelToKebab(string s)
    {
        var builder = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (i > 0 && IsUpper(c))
            {
                var previous = s[i - 1];
                var next = i + 1 < s.Length ? s[i + 1] : '\0';
                if (IsLower(previous) || (IsUpper(previous) && IsLower(next)))
                {
                    builder.Append('-');
                }
            }

            builder.Append(IsUpper(c) ? (char)(c - 'A' + 'a') : c);
        }

        return builder.ToString();
    }

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';

    /// <summary>
    /// Cuts <paramref name="s"/> to <paramref name="length"/> characters (code points), ending in
    /// <paramref name="ellipsis"/> when cut and there is room for it. Fails for a negative length.
    /// </summary>
    public static string Truncate(string s, long length, string ellipsis)
    {
        if (length < 0)
        {
            throw new TemplateFunctionException("length must not be negative: " + length);
        }

        var runes = Runes(s);
        if (runes.Count <= length)
        {
            return s;
        }

        if (ellipsis.Length == 0 || length <= ellipsis.Length)
        {
            return string.Concat(runes.Take((int)length));
        }

        return string.Concat(runes.Take((int)length - ellipsis.Length)) + ellipsis;
    }

    /// <summary>The string's characters, a surrogate pair counting as one.</summary>
    public static List<string> Runes(string s)
    {
        var runes = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                runes.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                runes.Add(s[i].ToString());
            }
        }

        return runes;
    }
}
