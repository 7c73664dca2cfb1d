using System.Globalization;
using System.Text.RegularExpressions;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The semver notes (upstream <c>pkg/note/semver.go</c>, built on Masterminds/semver v3): versions are read loosely
/// (<c>v1.2.3</c>, <c>1.2</c>, <c>1</c>, pre-release and build metadata); invalid input gives the safe zero value.
/// </summary>
internal static partial class SemverNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("semverMajor", c => SemVersion.TryParse(Text(c.Arguments[0]), out var v) ? v.Major.ToString(CultureInfo.InvariantCulture) : string.Empty);
        notes.Add("semverMinor", c => SemVersion.TryParse(Text(c.Arguments[0]), out var v) ? v.Minor.ToString(CultureInfo.InvariantCulture) : string.Empty);
        notes.Add("semverPatch", c => SemVersion.TryParse(Text(c.Arguments[0]), out var v) ? v.Patch.ToString(CultureInfo.InvariantCulture) : string.Empty);
        notes.Add("semverValid", c => SemVersion.TryParse(Text(c.Arguments[0]), out _));
        notes.Add("semverCompare", c => SemVersion.TryParse(Text(c.Arguments[0]), out var a) && SemVersion.TryParse(Text(c.Arguments[1]), out var b)
            ? (long)a.CompareTo(b)
            : 0L);
        notes.Add("semverBump", c => Bump(Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("semverConstraint", c => SemVersion.TryParse(Text(c.Arguments[0]), out var version)
            && SemverConstraint.TryParse(Text(c.Arguments[1]), out var constraint)
            && constraint.Check(version));
    }

    private static string Bump(string version, string component)
    {
        var text = version.StartsWith('v') ? version.Substring(1) : version;
        if (!SemVersion.TryParse(text, out var v))
        {
            return version;
        }

        var (major, minor, patch) = (v.Major, v.Minor, v.Patch);
        switch (component.ToLowerInvariant())
        {
            case "major":
                (major, minor, patch) = (major + 1, 0, 0);
                break;
            case "minor":
                (minor, patch) = (minor + 1, 0);
                break;
            case "patch":
                patch++;
                break;
            default:
                return version;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}");
    }
}

/// <summary>A semantic version as Masterminds/semver's <c>NewVersion</c> reads it.</summary>
internal sealed partial class SemVersion : IComparable<SemVersion>
{
    private SemVersion(ulong major, ulong minor, ulong patch, string prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string Prerelease { get; }

    public static bool TryParse(string text, out SemVersion version)
    {
        version = null!;
        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        static bool Number(Group group, out ulong value)
        {
            value = 0;
            return !group.Success || ulong.TryParse(group.Value.TrimStart('.'), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (!Number(match.Groups[1], out var major) || !Number(match.Groups[2], out var minor) || !Number(match.Groups[3], out var patch))
        {
            return false;
        }

        var prerelease = match.Groups["pre"].Value;
        foreach (var part in prerelease.Length == 0 ? Array.Empty<string>() : prerelease.Split('.'))
        {
            // A numeric identifier must not start with 0.
            if (part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        version = new SemVersion(major, minor, patch, prerelease);
        return true;
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var d = Major.CompareTo(other.Major);
        if (d == 0)
        {
            d = Minor.CompareTo(other.Minor);
        }

        if (d == 0)
        {
            d = Patch.CompareTo(other.Patch);
        }

        if (d != 0)
        {
            return Math.Sign(d);
        }

        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return Prerelease.Length == other.Prerelease.Length ? 0 : Prerelease.Length == 0 ? 1 : -1;
        }

        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>Masterminds' comparePrerelease: part by part, numbers numerically and below words, absent parts first.</summary>
    public static int ComparePrerelease(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var s = i < x.Length ? x[i] : string.Empty;
            var o = i < y.Length ? y[i] : string.Empty;
            if (s == o)
            {
                continue;
            }

            if (s.Length == 0 || o.Length == 0)
            {
                return s.Length == 0 ? -1 : 1;
            }

            var sNumber = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
            var oNumber = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
            if (!sNumber && !oNumber)
            {
                return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
            }

            if (!oNumber || !sNumber)
            {
                return sNumber ? -1 : 1;
            }

            return si > oi ? 1 : -1;
        }

        return 0;
    }

    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-(?<pre>[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?(?:\+[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

/// <summary>
/// A Masterminds/semver v3 constraint: comparisons (<c>= != &gt; &lt; &gt;= &lt;=</c>), tilde (<c>~1.2</c>), caret
/// (<c>^1.2</c>), wildcards (<c>1.x</c>, <c>*</c>), hyphen ranges (<c>1.2 - 1.4</c>), AND by comma or space, OR by
/// <c>||</c>. A version with a pre-release only satisfies comparisons whose version has one.
/// </summary>
internal sealed partial class SemverConstraint
{
    private const string Ops = @"!=|>=|=>|<=|=<|~>|=|>|<|~|\^|";
    private const string Version = @"v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?(?:\+[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?";

    private readonly List<List<Comparison>> _alternatives;

    private SemverConstraint(List<List<Comparison>> alternatives) => _alternatives = alternatives;

    private sealed record Comparison(string Op, SemVersion Version, bool Dirty, bool MinorDirty, bool PatchDirty);

    public static bool TryParse(string text, out SemverConstraint constraint)
    {
        constraint = null!;
        var rewritten = RangePattern().Replace(text, ">= $1, <= $6");
        var alternatives = new List<List<Comparison>>();
        foreach (var alternative in rewritten.Split("||"))
        {
            if (!ValidPattern().IsMatch(alternative))
            {
                return false;
            }

            var all = new List<Comparison>();
            foreach (Match found in FindPattern().Matches(alternative))
            {
                if (!TryParseComparison(found.Value, out var comparison))
                {
                    return false;
                }

                all.Add(comparison);
            }

            alternatives.Add(all);
        }

        constraint = new SemverConstraint(alternatives);
        return true;
    }

    public bool Check(SemVersion version) => _alternatives.Any(all => all.All(c => Holds(version, c)));

    private static bool TryParseComparison(string text, out Comparison comparison)
    {
        comparison = null!;
        var m = ComparisonPattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        static bool IsX(string part) => part is "x" or "X" or "*";
        var major = m.Groups[2].Value;
        var minor = m.Groups[3].Value.TrimStart('.');
        var patch = m.Groups[4].Value.TrimStart('.');
        var pre = m.Groups[5].Value;
        bool dirty = false, minorDirty = false, patchDirty = false;
        string version;
        if (IsX(major))
        {
            version = "0.0.0" + pre;
            dirty = true;
        }
        else if (IsX(minor) || minor.Length == 0)
        {
            version = major + ".0.0" + pre;
            dirty = minorDirty = true;
        }
        else if (IsX(patch) || patch.Length == 0)
        {
            version = major + "." + minor + ".0" + pre;
            dirty = patchDirty = true;
        }
        else
        {
            version = major + "." + minor + "." + patch + pre;
        }

        if (!SemVersion.TryParse(version, out var parsed))
        {
            return false;
        }

        comparison = new Comparison(m.Groups[1].Value, parsed, dirty, minorDirty, patchDirty);
        return true;
    }

    private static bool Holds(SemVersion v, Comparison c)
    {
        var con = c.Version;
        if (v.Prerelease.Length > 0 && con.Prerelease.Length == 0 && !(c.Op == "!=" && !c.Dirty))
        {
            // Pre-releases only match constraints that mention one (a plain != excepted, as Masterminds).
            return false;
        }

        switch (c.Op)
        {
            case "" or "=":
                return c.Dirty ? Tilde(v, c) : v.CompareTo(con) == 0;
            case "!=":
                if (c.Dirty)
                {
                    if (con.Major != v.Major)
                    {
                        return true;
                    }

                    if (c.MinorDirty)
                    {
                        return false;
                    }

                    if (con.Minor != v.Minor)
                    {
                        return true;
                    }

                    return c.PatchDirty
                        ? (v.Prerelease.Length > 0 || con.Prerelease.Length > 0) && SemVersion.ComparePrerelease(v.Prerelease, con.Prerelease) != 0
                        : v.CompareTo(con) != 0;
                }

                return v.CompareTo(con) != 0;
            case ">":
                if (!c.Dirty || v.Major != con.Major)
                {
                    return c.Dirty ? v.Major > con.Major : v.CompareTo(con) > 0;
                }

                return !c.MinorDirty && (c.PatchDirty ? v.Minor > con.Minor : v.CompareTo(con) > 0);
            case "<":
                return v.CompareTo(con) < 0;
            case ">=" or "=>":
                return v.CompareTo(con) >= 0;
            case "<=" or "=<":
                if (!c.Dirty)
                {
                    return v.CompareTo(con) <= 0;
                }

                return v.Major < con.Major || (v.Major == con.Major && (v.Minor <= con.Minor || c.MinorDirty));
            case "~" or "~>":
                return Tilde(v, c);
            case "^":
                if (v.CompareTo(con) < 0)
                {
                    return false;
                }

                if (con.Major > 0 || c.MinorDirty)
                {
                    return v.Major == con.Major;
                }

                if (v.Major > 0)
                {
                    return false;
                }

                if (con.Minor > 0 || c.PatchDirty)
                {
                    return v.Minor == con.Minor;
                }

                return v.Minor == 0 && v.Patch == con.Patch;
            default:
                return false;
        }
    }

    private static bool Tilde(SemVersion v, Comparison c)
    {
        var con = c.Version;
        if (v.CompareTo(con) < 0)
        {
            return false;
        }

        if (con.Major == 0 && con.Minor == 0 && con.Patch == 0 && !c.MinorDirty && !c.PatchDirty)
        {
            return true;
        }

        return v.Major == con.Major && (v.Minor == con.Minor || c.MinorDirty);
    }

    [GeneratedRegex(@"\s*(" + Version + @")\s+-\s+(" + Version + @")\s*", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(\s*(?:" + Ops + @")\s*(?:" + Version + @")\s*)((?:\s+|,\s*)(?:" + Ops + @")\s*(?:" + Version + @")\s*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidPattern();

    [GeneratedRegex(@"(?:" + Ops + @")\s*(?:" + Version + @")", RegexOptions.CultureInvariant)]
    private static partial Regex FindPattern();

    [GeneratedRegex(@"^\s*(" + Ops + @")\s*" + Version + @"\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComparisonPattern();
}
