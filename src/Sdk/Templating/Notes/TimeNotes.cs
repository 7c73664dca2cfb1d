using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The time notes (upstream <c>pkg/note/time.go</c>). "Now" comes only from <see cref="TemplateServices.Clock"/>;
/// timestamps are RFC 3339 or <c>2006-01-02</c>; durations are Go's plus d, w, mo and y. Malformed input gives the
/// safe zero value (<c>""</c>, <c>0</c>, <c>0s</c>, false), as upstream.
/// </summary>
internal static class TimeNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("timeAgo", c => TryTimestamp(c.Arguments[0], out var t) ? Ago(Now(c) - t) : string.Empty);
        notes.Add("timeSince", c => TryTimestamp(c.Arguments[0], out var t) ? (long)System.Math.Round((Now(c) - t).TotalSeconds, MidpointRounding.AwayFromZero) : 0L);
        notes.Add("timeUntil", c =>
        {
            if (!TryTimestamp(c.Arguments[0], out var t))
            {
                return "0s";
            }

            var left = t - Now(c);
            return left <= TimeSpan.Zero ? "0s" : GoTime.FormatDuration(TimeSpan.FromTicks(left.Ticks - (left.Ticks % TimeSpan.TicksPerSecond)));
        });
        notes.Add("isExpired", c => TryTimestamp(c.Arguments[0], out var t)
            && GoTime.TryParseDuration(Text(c.Arguments[1]), out var duration)
            && Now(c).UtcTicks - t.UtcTicks > duration.Ticks);
        notes.Add("timeFormat", c => TryTimestamp(c.Arguments[0], out var t) ? GoTime.Format(t, Text(c.Arguments[1])) : string.Empty);
        notes.Add("durationSeconds", c => GoTime.TryParseDuration(Text(c.Arguments[0]), out var d) ? (long)d.TotalSeconds : 0L);
        notes.Add("durationAdd", c => GoTime.TryParseDuration(Text(c.Arguments[0]), out var a) && GoTime.TryParseDuration(Text(c.Arguments[1]), out var b)
            ? GoTime.FormatDuration(a + b)
            : "0s");
        notes.Add("durationValid", c => GoTime.TryParseDuration(Text(c.Arguments[0]), out _));
        notes.Add("weekday", c => Now(c).DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Friday);
        notes.Add("weekend", c => Now(c).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        notes.Add("timeInWindow", c => InWindow(Now(c), Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("timeNotInWindow", c => !InWindow(Now(c), Text(c.Arguments[0]), Text(c.Arguments[1])));
        notes.Add("nextCron", c => CronSchedule.TryParse(Text(c.Arguments[0]), out var schedule, out _) && schedule!.Next(Now(c)) is { } next
            ? GoTime.Rfc3339(next)
            : string.Empty);
    }

    private static DateTimeOffset Now(TemplateCall call) => call.Services.Clock.GetUtcNow();

    // Upstream reads the timestamp through fmt.Sprint, so any value is accepted and only text that parses counts.
    private static bool TryTimestamp(object? value, out DateTimeOffset time)
    {
        time = default;
        return value is not null && GoTime.TryParseTimestamp(value as string ?? Print(value), out time);
    }

    // Upstream's timeAgo: whole seconds, minutes, hours or days (a future time shows as negative seconds).
    private static string Ago(TimeSpan elapsed)
    {
        static string N(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return N(elapsed.TotalSeconds) + "s ago";
        }

        if (elapsed < TimeSpan.FromHours(1))
        {
            return N(elapsed.TotalMinutes) + "m ago";
        }

        return elapsed < TimeSpan.FromDays(1) ? N(elapsed.TotalHours) + "h ago" : N(elapsed.TotalHours / 24) + "d ago";
    }

    // [after, before) on today's UTC date; "H:MM" or "HH:MM" as Go's "15:04" layout reads them.
    private static bool InWindow(DateTimeOffset now, string after, string before)
    {
        if (!TryTimeOfDay(after, out var from) || !TryTimeOfDay(before, out var to))
        {
            return false;
        }

        var time = now.UtcDateTime.TimeOfDay;
        return time >= from && time < to;
    }

    private static bool TryTimeOfDay(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 1 or > 2 || text.Length != colon + 3)
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || hour > 23
            || minute > 59)
        {
            return false;
        }

        time = new TimeSpan(hour, minute, 0);
        return true;
    }
}
