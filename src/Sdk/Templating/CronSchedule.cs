using System.Globalization;

namespace Orkestra.Templating;

/// <summary>
/// A standard five-field cron schedule (<c>minute hour day-of-month month day-of-week</c>) in UTC, read the way
/// upstream's <c>robfig/cron</c> <c>ParseStandard</c> reads it: lists, ranges, steps (<c>*/15</c>, <c>5/10</c>),
/// <c>*</c> and <c>?</c>, month and weekday names (<c>JAN</c>, <c>mon</c>), and the descriptors <c>@yearly</c>,
/// <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>, and
/// <c>@every DURATION</c> (whole seconds, at least one). When neither day field starts with <c>*</c> a day matches
/// either of them, otherwise both. The <c>nextCron</c> note and cron conditions share it.
/// </summary>
public sealed class CronSchedule
{
    private const ulong StarBit = 1UL << 63;

    // How far ahead Next looks before deciding the schedule never fires (robfig gives up after five years too).
    private const int YearsAhead = 5;

    private static readonly string[] MonthNames = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    private static readonly string[] DayNames = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _days;
    private readonly ulong _months;
    private readonly ulong _weekdays;
    private readonly TimeSpan _every;

    private CronSchedule(string expression, TimeSpan every)
    {
        Expression = expression;
        _every = every;
    }

    private CronSchedule(string expression, ulong[] fields)
    {
        Expression = expression;
        _minutes = fields[0];
        _hours = fields[1];
        _days = fields[2];
        _months = fields[3];
        _weekdays = fields[4];
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> with what is wrong.</summary>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    /// <summary>Parses <paramref name="expression"/>, or says what is wrong with it.</summary>
    public static bool TryParse(string expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var text = expression.Trim();
        if (text.StartsWith("@every ", StringComparison.Ordinal))
        {
            if (!Katalogs.Durations.TryParse(text.Substring(7).Trim(), extended: false, out var every) || every <= TimeSpan.Zero || every > TimeSpan.FromDays(106_751))
            {
                error = "'" + text.Substring(7).Trim() + "' is not a positive duration; write @every 90m, @every 1h30m";
                return false;
            }

            // robfig/cron: whole seconds, at least one.
            schedule = new CronSchedule(expression, TimeSpan.FromSeconds(Math.Max(1, Math.Floor(every.TotalSeconds))));
            error = null;
            return true;
        }

        if (text.StartsWith("@", StringComparison.Ordinal))
        {
            if (!Descriptors.TryGetValue(text.ToLowerInvariant(), out var expanded))
            {
                error = "unknown descriptor '" + text + "'; use one of " + string.Join(", ", Descriptors.Keys) + ", or @every DURATION";
                return false;
            }

            text = expanded;
        }
        else if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            error = "time zones are not supported; condition schedules are in UTC";
            return false;
        }

        var parts = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = "expected 5 fields (minute hour day-of-month month day-of-week), found " + parts.Length;
            return false;
        }

        var bounds = new (int Min, int Max, string[]? Names, string Name)[]
        {
            (0, 59, null, "minute"),
            (0, 23, null, "hour"),
            (1, 31, null, "day-of-month"),
            (1, 12, MonthNames, "month"),
            (0, 6, DayNames, "day-of-week"),
        };
        var fields = new ulong[5];
        for (var i = 0; i < 5; i++)
        {
            if (!TryParseField(parts[i], bounds[i].Min, bounds[i].Max, bounds[i].Names, out fields[i], out var fieldError))
            {
                error = bounds[i].Name + " field '" + parts[i] + "': " + fieldError;
                return false;
            }
        }

        schedule = new CronSchedule(expression, fields);
        error = null;
        return true;
    }

    /// <summary>
    /// The first time the schedule fires strictly after <paramref name="after"/> (whole minutes, UTC; for <c>@every</c>,
    /// the delay from the whole second before <paramref name="after"/>), or null when it
    /// does not fire within five years (a day that does not exist, such as 30 February).
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_every > TimeSpan.Zero)
        {
            // A constant delay from the whole second before 'after'.
            var second = after.UtcDateTime.AddTicks(-(after.UtcDateTime.Ticks % TimeSpan.TicksPerSecond));
            return new DateTimeOffset(second).Add(_every);
        }

        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var limit = t.AddYears(YearsAhead);
        while (t < limit)
        {
            if (!Has(_months, t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!Has(_hours, t.Hour))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                continue;
            }

            if (!Has(_minutes, t.Minute))
            {
                t = t.AddMinutes(1);
                continue;
            }

            return new DateTimeOffset(t);
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Expression;

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;

    private bool DayMatches(DateTime t)
    {
        var day = Has(_days, t.Day);
        var weekday = Has(_weekdays, (int)t.DayOfWeek);
        return (_days & StarBit) != 0 || (_weekdays & StarBit) != 0 ? day && weekday : day || weekday;
    }

    private static bool TryParseField(string field, int min, int max, string[]? names, out ulong bits, out string? error)
    {
        bits = 0;
        foreach (var part in field.Split(','))
        {
            if (!TryParseRange(part, min, max, names, out var rangeBits, out error))
            {
                return false;
            }

            bits |= rangeBits;
        }

        error = null;
        return true;
    }

    private static bool TryParseRange(string expr, int min, int max, string[]? names, out ulong bits, out string? error)
    {
        bits = 0;
        var slash = expr.Split('/');
        var lowHigh = slash[0].Split('-');
        int start, end;
        var star = false;
        if (slash.Length > 2 || lowHigh.Length > 2)
        {
            error = "'" + expr + "' is not a value, range or step";
            return false;
        }

        if (lowHigh[0] is "*" or "?")
        {
            if (lowHigh.Length > 1)
            {
                error = "'" + expr + "' is not a value, range or step";
                return false;
            }

            start = min;
            end = max;
            star = true;
        }
        else
        {
            if (!TryParseValue(lowHigh[0], names, out start, out error))
            {
                return false;
            }

            end = start;
            if (lowHigh.Length == 2 && !TryParseValue(lowHigh[1], names, out end, out error))
            {
                return false;
            }
        }

        var step = 1;
        if (slash.Length == 2)
        {
            if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
            {
                error = "step '" + slash[1] + "' must be a positive number";
                return false;
            }

            if (lowHigh.Length == 1 && !star)
            {
                end = max; // "N/step" means "N-max/step"
            }

            if (step > 1)
            {
                star = false;
            }
        }

        if (start < min || end > max)
        {
            error = "values must be between " + min + " and " + max;
            return false;
        }

        if (start > end)
        {
            error = "range start " + start + " is after its end " + end;
            return false;
        }

        for (var value = start; value <= end; value += step)
        {
            bits |= 1UL << value;
        }

        if (star)
        {
            bits |= StarBit;
        }

        error = null;
        return true;
    }

    private static bool TryParseValue(string text, string[]? names, out int value, out string? error)
    {
        error = null;
        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToLowerInvariant());
            if (index >= 0)
            {
                value = names == MonthNames ? index + 1 : index;
                return true;
            }
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = "'" + text + "' is not a number" + (names is null ? string.Empty : " or a name such as " + names[1].ToUpperInvariant());
        return false;
    }
}
