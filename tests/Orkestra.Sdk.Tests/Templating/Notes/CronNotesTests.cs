using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class CronNotesTests
{
    private const string Data = """
        {
          "schedule": "*/5 2 * * 1",
          "parts": { "minute": "*/1", "hour": "", "dayOfMonth": "*", "month": "*", "dayOfWeek": "*" },
          "numeric": { "minute": 0, "hour": 12 },
          "blank": { "minute": " ", "hour": null, "month": [ 1 ] },
          "list": [ 1 ],
          "m": 30,
          "h": 4
        }
        """;

    [Theory]
    [InlineData("{{ cronMinute .schedule }}", "*/5")]
    [InlineData("{{ cronHour .schedule }}", "2")]
    [InlineData("{{ cronDom \"0 0 15 * *\" }}", "15")]
    [InlineData("{{ cronMonth \"0 0 1 6 *\" }}", "6")]
    [InlineData("{{ cronDow .schedule }}", "1")]
    [InlineData("{{ .schedule | cronMinute }}", "*/5")]
    [InlineData("{{ cronMinute \"@hourly\" }}", "0")]
    [InlineData("{{ cronHour \"@DAILY\" }}", "0")]
    [InlineData("{{ cronDow \"  @weekly  \" }}", "0")]
    [InlineData("{{ cronMonth \"@yearly\" }} {{ cronDom \"@annually\" }} {{ cronDom \"@monthly\" }} {{ cronHour \"@midnight\" }}", "1 1 1 0")]
    [InlineData("{{ cronMinute .missing }}", "*")]
    [InlineData("{{ cronMinute \"   \" }}", "*")]
    [InlineData("{{ cronField \"1 2 3 4 5\" 4 }}", "5")]
    [InlineData("{{ cronField \"1 2 3 4 5\" 0 }}", "1")]
    [InlineData("{{ cronField \"\" 9 }}", "*")]
    [InlineData("{{ cronField \"  1   2 3 4 5 \" 1 }}", "2")]
    [InlineData("{{ cronExpr .parts.minute .parts.hour .parts.dayOfMonth .parts.month .parts.dayOfWeek }}", "*/1 * * * *")]
    [InlineData("{{ cronExpr .missing .missing .missing .missing .missing }}", "* * * * *")]
    [InlineData("{{ cronExpr 0 2 \"*\" \"*\" 1 }}", "0 2 * * 1")]
    [InlineData("{{ cronExpr .m .h \"*\" \"*\" \"*\" }}", "30 4 * * *")]
    [InlineData("{{ cronFromMap .parts }}", "*/1 * * * *")]
    [InlineData("{{ cronFromMap .numeric }}", "0 12 * * *")]
    [InlineData("{{ cronFromMap .blank }}", "* * * * *")]
    [InlineData("{{ cronFromMap .missing }}", "* * * * *")]
    [InlineData("{{ cronFromAny .numeric }}", "0 12 * * *")]
    [InlineData("{{ cronFromAny \"  0  2 * * 1 \" }}", "0 2 * * 1")]
    [InlineData("{{ cronFromAny \"@hourly\" }}", "0 * * * *")]
    [InlineData("{{ cronFromAny \"not cron\" }}", "* * * * *")]
    [InlineData("{{ cronFromAny 5 }}", "* * * * *")]
    [InlineData("{{ cronFromAny .missing }}", "* * * * *")]
    [InlineData("{{ cronToMap \"*/5 0 * * 1\" | toJSON }}", "{\"dayOfMonth\":\"*\",\"dayOfWeek\":\"1\",\"hour\":\"0\",\"minute\":\"*/5\",\"month\":\"*\"}")]
    [InlineData("{{ (cronToMap \"@hourly\").minute }}", "0")]
    [InlineData("{{ (cronToMap \"bad\").minute }}", "*")]
    [InlineData("{{ (cronToMap .missing).month }}", "*")]
    [InlineData("{{ (cronToMap .numeric).hour }}", "12")]
    [InlineData("{{ cronFromMap (cronToMap .schedule) }}", "*/5 2 * * 1")]
    [InlineData("{{ cronNormalize \"@daily\" }}", "0 0 * * *")]
    [InlineData("{{ cronNormalize \"  */5   *  * * *\" }}", "*/5 * * * *")]
    [InlineData("{{ cronNormalize \"1 2 3\" }}", "* * * * *")]
    [InlineData("{{ cronNormalize .missing }}", "* * * * *")]
    [InlineData("{{ cronDescribe \"*/5 * * * *\" }}", "Every 5 minutes")]
    [InlineData("{{ cronDescribe \"0 * * * *\" }}", "Every hour")]
    [InlineData("{{ cronDescribe \"@hourly\" }}", "Every hour")]
    [InlineData("{{ cronDescribe \"30 2 * * *\" }}", "At 2:30 every day")]
    [InlineData("{{ cronDescribe \"0 9 * * 1\" }}", "At 9:0 on day-of-week 1")]
    [InlineData("{{ cronDescribe \"0 0 15 * *\" }}", "At 0:0 on day 15 of every month")]
    [InlineData("{{ cronDescribe \"0 0 1 1 *\" }}", "Cron: 0 0 1 1 *")]
    [InlineData("{{ cronDescribe .missing }}", "Cron: * * * * *")]
    [InlineData("{{ cronValid \"*/5 * * * *\" }} {{ cronValid \"@monthly\" }} {{ cronValid \"a b c d e\" }}", "true true true")]
    [InlineData("{{ cronValid \"1 2 3\" }} {{ cronValid \"\" }} {{ cronValid .missing }} {{ cronValid \"1 2 3 4 5 6\" }}", "false false false false")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ cronField \"0 0 * * *\" 5 }}", "error calling cronField: cronField: position 5 out of range [0-4]")]
    [InlineData("{{ cronField \"0 0 * * *\" -1 }}", "position -1 out of range")]
    [InlineData("{{ cronField \"0 0 * *\" 1 }}", "cronField: expected 5 fields in \"0 0 * *\", got 4")]
    [InlineData("{{ cronMinute \"bad\" }}", "expected 5 fields in \"bad\", got 1")]
    [InlineData("{{ cronFromMap .schedule }}", "cronFromMap: expected map, got string")]
    [InlineData("{{ cronMinute 5 }}", "wrong type for value; expected string; got int")]
    [InlineData("{{ cronExpr .list \"*\" \"*\" \"*\" \"*\" }}", "expected string; got []interface {}")]
    [InlineData("{{ cronField \"* * * * *\" \"x\" }}", "expected int; got string")]
    [InlineData("{{ cronNormalize .numeric }}", "expected string; got map[string]interface {}")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
