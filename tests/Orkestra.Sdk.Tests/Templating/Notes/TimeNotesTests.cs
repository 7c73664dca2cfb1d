using System.Globalization;
using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The time notes at <see cref="NoteTestSupport.Now"/> (Thursday 2026-01-15 10:30:00 UTC) unless stated.</summary>
public class TimeNotesTests
{
    private const string Data = """{ "created": "2026-01-13T08:00:00Z", "expires": "2026-01-16T10:30:00Z", "number": 5, "list": [] }""";

    [Theory]
    [InlineData("{{ timeAgo \"2026-01-15T10:29:15Z\" }}", "45s ago")]
    [InlineData("{{ timeAgo \"2026-01-15T10:18:00Z\" }}", "12m ago")]
    [InlineData("{{ timeAgo \"2026-01-15T07:30:00Z\" }}", "3h ago")]
    [InlineData("{{ timeAgo .created }}", "2d ago")]
    [InlineData("{{ timeAgo \"2026-01-15\" }}", "10h ago")]
    [InlineData("{{ timeAgo \"2026-01-15T12:30:00+02:00\" }}", "0s ago")]
    [InlineData("{{ timeAgo \"2026-01-15T10:31:00Z\" }}", "-60s ago")]
    [InlineData("[{{ timeAgo \"yesterday\" }}][{{ timeAgo .missing }}][{{ timeAgo .number }}]", "[][][]")]
    [InlineData("{{ timeSince \"2026-01-15T10:00:00Z\" }} {{ timeSince \"2026-01-15T10:29:59.6Z\" }} {{ timeSince \"2026-01-15T10:29:59.4Z\" }}", "1800 0 1")]
    [InlineData("{{ timeSince \"2026-01-15T10:31:00Z\" }} {{ timeSince \"bad\" }} {{ timeSince .missing }}", "-60 0 0")]
    [InlineData("{{ timeUntil .expires }} {{ timeUntil \"2026-01-15T11:00:00Z\" }} {{ timeUntil \"2026-01-15T10:30:30.9Z\" }}", "24h0m0s 30m0s 30s")]
    [InlineData("{{ timeUntil .created }} {{ timeUntil \"2026-01-15T10:30:00Z\" }} {{ timeUntil \"bad\" }} {{ timeUntil .missing }}", "0s 0s 0s 0s")]
    [InlineData("{{ isExpired \"2025-12-01T00:00:00Z\" \"30d\" }} {{ isExpired \"2026-01-10T00:00:00Z\" \"30d\" }}", "true false")]
    [InlineData("{{ isExpired \"2026-01-15T10:00:00Z\" \"30m\" }} {{ isExpired \"2026-01-15T09:59:59Z\" \"30m\" }}", "false true")]
    [InlineData("{{ isExpired \"2025-01-15T10:30:00Z\" \"1y\" }} {{ isExpired \"2025-01-15T10:29:59Z\" \"1y\" }} {{ isExpired \"2026-01-01\" \"2w\" }}", "false true true")]
    [InlineData("{{ isExpired \"bad\" \"1h\" }} {{ isExpired .created \"soon\" }} {{ isExpired .missing \"1d\" }} {{ isExpired .created .missing }}", "false false false false")]
    [InlineData("{{ timeFormat \"2024-01-15T10:30:00Z\" \"Jan 2, 2006\" }}", "Jan 15, 2024")]
    [InlineData("{{ timeFormat \"2024-01-15T10:30:00Z\" \"2006-01-02\" }} {{ timeFormat \"2024-01-15T10:30:00Z\" \"15:04:05\" }}", "2024-01-15 10:30:00")]
    [InlineData("{{ timeFormat \"2024-01-15T10:30:00Z\" \"Monday, January 2 2006\" }}", "Monday, January 15 2024")]
    [InlineData("{{ timeFormat \"2024-01-15T10:30:00Z\" \"3:04PM\" }} {{ timeFormat \"2024-01-15T22:05:00Z\" \"03:04 pm\" }}", "10:30AM 10:05 pm")]
    [InlineData("{{ timeFormat \"2024-01-15T10:30:00Z\" \"Mon Jan _2 15:04:05 MST 2006\" }}", "Mon Jan 15 10:30:00 UTC 2024")]
    [InlineData("{{ timeFormat \"2024-03-05T14:07:09.123456Z\" \"Jan _2 3:4:5.000 PM -07:00 Z07:00\" }}", "Mar  5 2:7:9.123 PM +00:00 Z")]
    [InlineData("{{ timeFormat \"2024-03-05T14:07:09.123456Z\" \"2006-01-02T15:04:05.999999999Z07:00\" }}", "2024-03-05T14:07:09.123456Z")]
    [InlineData("{{ timeFormat \"2024-03-05T14:07:09.123456Z\" \"05,000 .000000000 .9\" }}", "09,123 .123456000 .1")]
    [InlineData("{{ timeFormat \"2024-03-05T14:07:09Z\" \"15:04:05.999|\" }}", "14:07:09|")]
    [InlineData("{{ timeFormat \"2024-03-05T14:07:09Z\" \"002 __2 06 -0700 -07 Z0700 -07:00:00\" }}", "065  65 24 +0000 +00 Z +00:00:00")]
    [InlineData("{{ timeFormat \"2024-01-15T01:00:00+02:00\" \"2006-01-02 15:04\" }}", "2024-01-14 23:00")]
    [InlineData("{{ timeFormat \"2024-01-15\" \"Janet literal\" }}", "Janet literal")]
    [InlineData("[{{ timeFormat \"bad\" \"2006\" }}][{{ timeFormat .missing \"2006\" }}][{{ timeFormat \"2024-02-30\" \"2006\" }}][{{ timeFormat \"2024-01-15T25:00:00Z\" \"2006\" }}]", "[][][][]")]
    [InlineData("{{ durationSeconds \"5m\" }} {{ durationSeconds \"1h30m\" }} {{ durationSeconds \"7d\" }} {{ durationSeconds \"2w\" }}", "300 5400 604800 1209600")]
    [InlineData("{{ durationSeconds \"1mo\" }} {{ durationSeconds \"1y\" }} {{ durationSeconds \"1.5s\" }} {{ durationSeconds \"-1m\" }}", "2592000 31536000 1 -60")]
    [InlineData("{{ durationSeconds \"\" }} {{ durationSeconds \"bad\" }} {{ durationSeconds .missing }}", "0 0 0")]
    [InlineData("{{ durationAdd \"5m\" \"30s\" }} {{ durationAdd \"1h\" \"90m\" }} {{ durationAdd \"1d\" \"12h\" }}", "5m30s 2h30m0s 36h0m0s")]
    [InlineData("{{ durationAdd \"1s\" \"-2s\" }} {{ durationAdd \"500ms\" \"250ms\" }} {{ durationAdd \"1us\" \"0s\" }} {{ durationAdd \"100ns\" \"0s\" }} {{ durationAdd \"1ms\" \"1us\" }}", "-1s 750ms 1µs 100ns 1.001ms")]
    [InlineData("{{ durationAdd \"0s\" \"0\" }} {{ durationAdd \"1.5h\" \"0s\" }} {{ durationAdd \"bad\" \"1s\" }} {{ durationAdd .missing \"1s\" }}", "0s 1h30m0s 0s 0s")]
    [InlineData("{{ durationValid \"5m\" }} {{ durationValid \"5d\" }} {{ durationValid \"1mo\" }} {{ durationValid \"-1h\" }} {{ durationValid \"0\" }}", "true true true true true")]
    [InlineData("{{ durationValid \"\" }} {{ durationValid \"5\" }} {{ durationValid \"1h30x\" }} {{ durationValid .missing }} {{ durationValid \"300000y\" }}", "false false false false false")]
    [InlineData("{{ timeInWindow \"09:00\" \"18:00\" }} {{ timeInWindow \"10:30\" \"11:00\" }} {{ timeInWindow \"9:00\" \"18:00\" }}", "true true true")]
    [InlineData("{{ timeInWindow \"09:00\" \"10:30\" }} {{ timeInWindow \"22:00\" \"02:00\" }} {{ timeInWindow \"09:0\" \"18:00\" }} {{ timeInWindow \"25:00\" \"26:00\" }}", "false false false false")]
    [InlineData("{{ timeInWindow \"bad\" \"18:00\" }} {{ timeInWindow .missing .missing }}", "false false")]
    [InlineData("{{ timeNotInWindow \"02:00\" \"04:00\" }} {{ timeNotInWindow \"09:00\" \"18:00\" }} {{ timeNotInWindow \"bad\" \"x\" }}", "true false true")]
    [InlineData("{{ and (timeInWindow \"09:00\" \"18:00\") weekday }}", "true")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("2026-01-15T10:30:00Z", "true false")]
    [InlineData("2026-01-16T23:59:59Z", "true false")]
    [InlineData("2026-01-17T00:00:00Z", "false true")]
    [InlineData("2026-01-18T12:00:00Z", "false true")]
    [InlineData("2026-01-19T00:00:00Z", "true false")]
    public void Weekday_and_weekend_read_the_clock(string now, string expected) =>
        Assert.Equal(expected, Render("{{ weekday }} {{ weekend }}", now: DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("*/5 * * * *", "2026-01-15T10:35:00Z")]
    [InlineData("30 10 * * *", "2026-01-16T10:30:00Z")]
    [InlineData("0 10 * * *", "2026-01-16T10:00:00Z")]
    [InlineData("0 9 * * 1", "2026-01-19T09:00:00Z")]
    [InlineData("0 2 * * 0", "2026-01-18T02:00:00Z")]
    [InlineData("@hourly", "2026-01-15T11:00:00Z")]
    [InlineData("@daily", "2026-01-16T00:00:00Z")]
    [InlineData("@weekly", "2026-01-18T00:00:00Z")]
    [InlineData("@monthly", "2026-02-01T00:00:00Z")]
    [InlineData("@yearly", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("0 12 15 * 1", "2026-01-15T12:00:00Z")]
    [InlineData("0 12 16 * MON", "2026-01-16T12:00:00Z")]
    [InlineData("0 12 * * MON-FRI", "2026-01-15T12:00:00Z")]
    [InlineData("0 0 1 JAN,jul *", "2026-07-01T00:00:00Z")]
    [InlineData("1-5/2 * * * *", "2026-01-15T11:01:00Z")]
    [InlineData("5/20 * * * *", "2026-01-15T10:45:00Z")]
    [InlineData("? * * * *", "2026-01-15T10:31:00Z")]
    [InlineData("0 0 * * */2", "2026-01-17T00:00:00Z")]
    [InlineData("@every 1h30m", "2026-01-15T12:00:00Z")]
    [InlineData("@every 500ms", "2026-01-15T10:30:01Z")]
    [InlineData("0 0 31 4 *", "")]
    [InlineData("0 0 * * 7", "")]
    [InlineData("*/0 * * * *", "")]
    [InlineData("60 * * * *", "")]
    [InlineData("0 0 * * * *", "")]
    [InlineData("@fortnightly", "")]
    [InlineData("TZ=UTC 0 0 * * *", "")]
    [InlineData("bad", "")]
    [InlineData("", "")]
    public void Next_cron(string expression, string expected) =>
        Assert.Equal(expected, Render("{{ nextCron .e }}", "{\"e\":\"" + expression + "\"}"));

    [Fact]
    public void Next_cron_counts_from_the_clock()
    {
        var now = DateTimeOffset.Parse("2026-01-15T10:29:59.5Z", CultureInfo.InvariantCulture);
        Assert.Equal("2026-01-15T10:30:00Z", Render("{{ nextCron \"30 10 * * *\" }}", now: now));
        Assert.Equal("[]", Render("[{{ nextCron .missing }}]"));
    }

    [Theory]
    [InlineData("{{ timeFormat \"2024-01-01\" 5 }}", "error calling timeFormat: wrong type for value; expected string; got int")]
    [InlineData("{{ durationSeconds .number }}", "expected string; got float64")]
    [InlineData("{{ timeInWindow 9 18 }}", "expected string; got int")]
    [InlineData("{{ nextCron .list }}", "expected string; got []interface {}")]
    [InlineData("{{ isExpired .created 30 }}", "expected string; got int")]
    [InlineData("{{ weekday 1 }}", "wrong number of args for weekday: want 0 got 1")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
