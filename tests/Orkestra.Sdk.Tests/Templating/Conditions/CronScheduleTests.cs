using Orkestra.Templating;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

public class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 12, 30, 0, TimeSpan.Zero); // a Wednesday

    [Theory]
    [InlineData("* * * * *", "2026-03-04T12:31:00")]
    [InlineData("*/15 * * * *", "2026-03-04T12:45:00")]
    [InlineData("5/20 * * * *", "2026-03-04T12:45:00")]
    [InlineData("0 2 * * 0", "2026-03-08T02:00:00")]
    [InlineData("0 2 * * SUN", "2026-03-08T02:00:00")]
    [InlineData("0 0 1 jan *", "2027-01-01T00:00:00")]
    [InlineData("0 9-17/4 * * mon-fri", "2026-03-04T13:00:00")]
    [InlineData("15,45 * * * *", "2026-03-04T12:45:00")]
    [InlineData("0 0 13 * 5", "2026-03-06T00:00:00")] // day-of-month or day-of-week when neither is *
    [InlineData("0 0 ? * 5", "2026-03-06T00:00:00")]
    [InlineData("0 0 29 2 *", "2028-02-29T00:00:00")]
    [InlineData("@hourly", "2026-03-04T13:00:00")]
    [InlineData("@weekly", "2026-03-08T00:00:00")]
    [InlineData("@monthly", "2026-04-01T00:00:00")]
    [InlineData("@yearly", "2027-01-01T00:00:00")]
    [InlineData("  30   12 * * *  ", "2026-03-05T12:30:00")]
    public void Next_finds_the_first_fire_strictly_after(string expression, string expected)
    {
        var next = CronSchedule.Parse(expression).Next(Start);

        Assert.Equal(DateTimeOffset.Parse(expected + "Z", System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Next_rounds_up_from_seconds()
    {
        Assert.Equal(Start.AddMinutes(1), CronSchedule.Parse("* * * * *").Next(Start.AddSeconds(59.5)));
        Assert.Null(CronSchedule.Parse("0 0 31 4 *").Next(Start));
    }

    [Theory]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4")]
    [InlineData("0 0 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6")]
    [InlineData("", "expected 5 fields")]
    [InlineData("60 * * * *", "minute field '60': values must be between 0 and 59")]
    [InlineData("* 24 * * *", "hour field '24': values must be between 0 and 23")]
    [InlineData("* * 0 * *", "day-of-month field '0': values must be between 1 and 31")]
    [InlineData("* * * 13 *", "month field '13': values must be between 1 and 12")]
    [InlineData("* * * * 7", "day-of-week field '7': values must be between 0 and 6")]
    [InlineData("* * * foo *", "month field 'foo': 'foo' is not a number or a name such as FEB")]
    [InlineData("*/0 * * * *", "step '0' must be a positive number")]
    [InlineData("5-1 * * * *", "range start 5 is after its end 1")]
    [InlineData("1-2-3 * * * *", "is not a value, range or step")]
    [InlineData("@every 5x", "is not a positive duration")]
    [InlineData("@every -1h", "is not a positive duration")]
    [InlineData("@fortnightly", "unknown descriptor")]
    [InlineData("TZ=Europe/Paris 0 9 * * *", "time zones are not supported")]
    public void Invalid_expressions_say_what_is_wrong(string expression, string error)
    {
        Assert.False(CronSchedule.TryParse(expression, out var schedule, out var message));
        Assert.Null(schedule);
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fires_a_constant_delay_after_the_whole_second()
    {
        var schedule = CronSchedule.Parse("@every 90m");

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 1, 15, 10, 30, 0, 400, TimeSpan.Zero)));
    }
}
