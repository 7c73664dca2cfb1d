using System.Globalization;

namespace Orkestra.Templating.Conditions;

/// <summary>How condition operands are read as numbers, booleans, durations and times.</summary>
internal static class ConditionValues
{
    /// <summary>A number written in decimal or exponent form (<c>3</c>, <c>-1.5</c>, <c>1e3</c>).</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);

    /// <summary>A boolean as Go's <c>strconv.ParseBool</c> reads it.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim())
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>An RFC 3339 timestamp (a date alone is midnight UTC).</summary>
    public static bool TryTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// A Go duration (<c>300ms</c>, <c>1h30m</c>, <c>-2s</c>) or upstream's long forms (<c>2d</c>, <c>1w</c>, <c>3mo</c>,
    /// <c>1y</c>: a day is 24 hours, a month 30 days, a year 365 days).
    /// </summary>
    public static bool TryDuration(string text, out TimeSpan value) =>
        Katalogs.Durations.TryParse(text.Trim(), extended: true, out value);

    /// <summary>Go's <c>"15:04"</c>: an hour of one or two digits (0-23), a colon and two minute digits.</summary>
    public static bool TryTimeOfDay(string text, out TimeOnly time)
    {
        time = default;
        var colon = text.IndexOf(':');
        if (colon is < 1 or > 2 || text.Length != colon + 3
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    /// <summary>A full English day name, in any case (<c>Monday</c>, <c>SUNDAY</c>).</summary>
    public static bool TryDay(string text, out DayOfWeek day)
    {
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        day = default;
        return false;
    }

    /// <summary>Splits a comma-separated list the way upstream does: on every comma, each entry trimmed of spaces and tabs.</summary>
    public static string[] SplitList(string text)
    {
        var parts = text.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim(' ', '\t');
        }

        return parts;
    }
}
