using Orkestra.Templating;
using Orkestra.Templating.Conditions;
using static Orkestra.Sdk.Tests.Templating.Conditions.ConditionTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

/// <summary><c>time:</c>, <c>dayOfWeek:</c> and <c>cron:</c> conditions against a fixed clock (UTC).</summary>
public class TimeConditionTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static TimeOnly? Clock(string? text) => text is null ? null : TimeOnly.ParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("09:00", "18:00", 12, 30, 0, true)]
    [InlineData("09:00", "18:00", 9, 0, 0, true)] // after is inclusive
    [InlineData("09:00", "18:00", 8, 59, 59, false)]
    [InlineData("09:00", "18:00", 18, 0, 0, true)] // before is inclusive, to the second
    [InlineData("09:00", "18:00", 18, 0, 1, false)]
    [InlineData("09:00", null, 23, 59, 0, true)]
    [InlineData("09:00", null, 0, 0, 0, false)]
    [InlineData(null, "06:30", 6, 29, 0, true)]
    [InlineData(null, "06:30", 6, 31, 0, false)]
    [InlineData("22:00", "06:00", 23, 0, 0, true)] // a window over midnight
    [InlineData("22:00", "06:00", 3, 0, 0, true)]
    [InlineData("22:00", "06:00", 12, 0, 0, false)]
    public void Time_windows_read_the_utc_clock(string? after, string? before, int hour, int minute, int second, bool expected)
    {
        var condition = Condition.TimeWindow(Clock(after), Clock(before));
        var now = At(Utc(2026, 3, 4, hour, minute, second));

        Assert.Equal(expected, Eval(condition, services: now));
        Assert.Equal(!expected, Eval(Condition.TimeWindow(Clock(after), Clock(before), negate: true), services: now));
    }

    [Fact]
    public void Time_windows_use_utc_whatever_the_offset_of_the_clock()
    {
        var condition = Condition.TimeWindow(Clock("09:00"), Clock("10:00"));

        Assert.True(Eval(condition, services: At(new DateTimeOffset(2026, 3, 4, 11, 30, 0, TimeSpan.FromHours(2)))));
    }

    [Theory]
    [InlineData("13:05", true, 13, 5)]
    [InlineData("9:05", true, 9, 5)]
    [InlineData("00:00", true, 0, 0)]
    [InlineData("23:59", true, 23, 59)]
    [InlineData("24:00", false, 0, 0)]
    [InlineData("12:60", false, 0, 0)]
    [InlineData("12:5", false, 0, 0)]
    [InlineData("123:00", false, 0, 0)]
    [InlineData("noon", false, 0, 0)]
    [InlineData("12:00:00", false, 0, 0)]
    public void Times_of_day_are_hh_mm(string text, bool valid, int hour, int minute)
    {
        Assert.Equal(valid, Condition.TryParseTimeOfDay(text, out var time));
        if (valid)
        {
            Assert.Equal(new TimeOnly(hour, minute), time);
        }
    }

    [Fact]
    public void Days_of_the_week_read_the_utc_date()
    {
        var weekdays = Condition.OnDays(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });
        var wednesday = At(Utc(2026, 3, 4, 12, 0));
        var saturday = At(Utc(2026, 3, 7, 12, 0));
        var sundayLateInUtcPlus2 = At(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.FromHours(2))); // Sunday 23:00 UTC

        Assert.True(Eval(weekdays, services: wednesday));
        Assert.False(Eval(weekdays, services: saturday));
        Assert.False(Eval(weekdays, services: sundayLateInUtcPlus2));
        Assert.True(Eval(Condition.OnDays(new[] { DayOfWeek.Saturday }, negate: true), services: wednesday));
        Assert.False(Eval(Condition.OnDays(Array.Empty<DayOfWeek>()), services: wednesday));
        Assert.Equal(new[] { DayOfWeek.Sunday, DayOfWeek.Friday }, Condition.OnDays(new[] { DayOfWeek.Friday, DayOfWeek.Sunday, DayOfWeek.Friday }).Days);
    }

    [Theory]
    [InlineData("monday", true, DayOfWeek.Monday)]
    [InlineData("SUNDAY", true, DayOfWeek.Sunday)]
    [InlineData(" Friday ", true, DayOfWeek.Friday)]
    [InlineData("Mon", false, DayOfWeek.Sunday)]
    [InlineData("Funday", false, DayOfWeek.Sunday)]
    public void Day_names_are_full_english_names_in_any_case(string text, bool valid, DayOfWeek expected)
    {
        Assert.Equal(valid, Condition.TryParseDay(text, out var day));
        Assert.Equal(expected, day);
    }

    [Theory]
    // "0 2 * * 0" fires Sundays at 02:00; a two-hour window is open from 02:00 up to (not including) 04:00.
    [InlineData("0 2 * * 0", "2h", 2026, 3, 8, 2, 0, 0, true)]
    [InlineData("0 2 * * 0", "2h", 2026, 3, 8, 3, 59, 59, true)]
    [InlineData("0 2 * * 0", "2h", 2026, 3, 8, 4, 0, 0, false)]
    [InlineData("0 2 * * 0", "2h", 2026, 3, 8, 1, 59, 59, false)]
    [InlineData("0 2 * * 0", "2h", 2026, 3, 9, 2, 30, 0, false)] // Monday
    [InlineData("*/15 * * * *", "60s", 2026, 3, 4, 12, 30, 30, true)]
    [InlineData("*/15 * * * *", "60s", 2026, 3, 4, 12, 31, 0, false)]
    [InlineData("30 12 4 3 *", "1m", 2026, 3, 4, 12, 30, 0, true)]
    [InlineData("0 0 1 1 *", "30d", 2026, 1, 20, 0, 0, 0, true)]
    [InlineData("0 0 1 1 *", "30d", 2026, 2, 1, 0, 0, 0, false)]
    // Without a duration the window lasts one period of the schedule (upstream's default): hourly 9-17 on weekdays.
    [InlineData("0 9-17 * * 1-5", null, 2026, 3, 4, 17, 59, 0, true)]
    [InlineData("0 9-17 * * 1-5", null, 2026, 3, 4, 18, 0, 0, false)]
    [InlineData("0 9-17 * * 1-5", null, 2026, 3, 4, 8, 59, 0, false)]
    [InlineData("0 9-17 * * 1-5", null, 2026, 3, 7, 10, 0, 0, false)] // Saturday
    [InlineData("@daily", null, 2026, 3, 4, 12, 0, 0, true)]
    public void Cron_windows_open_at_each_fire_for_their_duration(string cron, string? duration, int year, int month, int day, int hour, int minute, int second, bool expected)
    {
        var window = duration is null ? (TimeSpan?)null : duration switch
        {
            "2h" => TimeSpan.FromHours(2),
            "60s" or "1m" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromDays(30),
        };
        var condition = Condition.CronWindow(CronSchedule.Parse(cron), window);
        var now = At(Utc(year, month, day, hour, minute, second));

        Assert.Equal(expected, Eval(condition, services: now));
        Assert.Equal(!expected, Eval(Condition.CronWindow(CronSchedule.Parse(cron), window, negate: true), services: now));
    }

    [Fact]
    public void A_schedule_that_never_fires_keeps_its_window_closed()
    {
        Assert.False(Eval(Condition.CronWindow(CronSchedule.Parse("0 0 30 2 *")), services: At(Utc(2026, 2, 28, 0, 0))));
        Assert.False(Eval(Condition.CronWindow(CronSchedule.Parse("0 0 30 2 *"), TimeSpan.FromDays(400)), services: At(Utc(2026, 3, 1, 0, 0))));
    }

    [Fact]
    public void A_zero_duration_means_the_default()
    {
        Assert.Null(Condition.CronWindow(CronSchedule.Parse("* * * * *"), TimeSpan.Zero).Duration);
    }
}
