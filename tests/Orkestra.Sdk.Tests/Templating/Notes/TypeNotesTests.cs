using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class TypeNotesTests
{
    private const string Data = """
        {
          "text": "my-app", "accented": "héllo", "count": 3, "ratio": 0.75, "flag": true, "list": [ 1, "b" ], "empty": [],
          "map": { "b": 1, "a": [ true, null, "<x>" ] }, "schedule": { "minute": "*/5", "hour": "*", "dayOfMonth": "*", "month": "*", "dayOfWeek": "*" },
          "none": {}, "blank": ""
        }
        """;

    [Theory]
    [InlineData("{{ toInt \"3\" }} {{ toInt 3.7 }} {{ toInt -3.7 }} {{ toInt true }} {{ toInt false }} {{ toInt .missing }} {{ toInt \"1e3\" }}", "3 3 -3 1 0 0 1000")]
    [InlineData("{{ printf \"%T %T\" (toInt \"3\") (toInt .ratio) }}", "int int")]
    [InlineData("{{ toFloat \"0.75\" }} {{ toFloat 3 }} {{ toFloat .missing }} {{ toFloat true }}", "0.75 3 0 1")]
    [InlineData("{{ printf \"%T\" (toFloat 3) }}", "float64")]
    [InlineData("{{ toBool \"yes\" }} {{ toBool \"on\" }} {{ toBool \"TRUE\" }} {{ toBool \"1\" }} {{ toBool 1 }} {{ toBool 2.5 }} {{ toBool .flag }}", "true true true true true true true")]
    [InlineData("{{ toBool \"NO\" }} {{ toBool \"off\" }} {{ toBool \"False\" }} {{ toBool \"\" }} {{ toBool 0 }} {{ toBool .missing }}", "false false false false false false")]
    [InlineData("{{ toString 42 }} {{ toString true }} {{ toString 3.14 }} {{ toString .count }} [{{ toString .missing }}]", "42 true 3.14 3 []")]
    [InlineData("{{ toString .list }} {{ toString .none }}", "[1 b] map[]")]
    [InlineData("{{ toJson .map }}", "{\"a\":[true,null,\"\\u003cx\\u003e\"],\"b\":1}")]
    [InlineData("{{ toJson 3 }} {{ toJson \"s\" }} {{ toJson .missing }} {{ toJson 1.5 }} {{ toJson 1e21 }} {{ toJson 0.0000001 }}", "3 \"s\" null 1.5 1e+21 1e-7")]
    [InlineData("{{ toList \"a, b,,c\" }} {{ len (toList \"  \") }} {{ toList .missing }}", "[a b c] 0 []")]
    [InlineData("{{ typeOf .text }} {{ typeOf .count }} {{ typeOf 3 }} {{ typeOf .flag }} {{ typeOf .map }} {{ typeOf .list }} {{ typeOf .missing }}", "string number number bool map slice null")]
    [InlineData("{{ typeOf (toInt \"1\") }} {{ typeOf (split \"a\" \",\") }}", "number slice")]
    [InlineData("{{ typeMap .map }} {{ typeMap .list }} {{ typeList .list }} {{ typeList .text }} {{ typeString .text }} {{ typeString .count }}", "true false true false true false")]
    [InlineData("{{ typeNumber .ratio }} {{ typeNumber \"3\" }} {{ typeBool .flag }} {{ typeBool \"true\" }} {{ typeNull .missing }} {{ typeNull .blank }}", "true false true false true false")]
    [InlineData("{{ len .text }} {{ len .accented }} {{ len .list }} {{ len .schedule }} {{ len .missing }} {{ len .count }} {{ len .flag }}", "6 6 2 5 0 0 0")]
    [InlineData("{{ isEmpty .missing }} {{ isEmpty .blank }} {{ isEmpty .empty }} {{ isEmpty .none }} {{ isEmpty 0 }} {{ isEmpty false }} {{ isEmpty .text }}", "true true true true false false false")]
    [InlineData("{{ isScalar .text }} {{ isScalar .count }} {{ isScalar .flag }} {{ isScalar .missing }} {{ isScalar .list }}", "true true true false false")]
    [InlineData("{{ isComposite .list }} {{ isComposite .none }} {{ isComposite .text }} {{ isComposite .missing }}", "true true false false")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ toInt \"abc\" }}", "error calling toInt: toInt: cannot convert string \"abc\" to a number")]
    [InlineData("{{ toFloat .map }}", "toFloat: cannot convert map[string]interface {}")]
    [InlineData("{{ toBool \"maybe\" }}", "toBool: unrecognised value \"maybe\"")]
    [InlineData("{{ toBool .list }}", "toBool: cannot convert []interface {}")]
    [InlineData("{{ toList 1 }}", "wrong type for value; expected string; got int")]
    [InlineData("{{ toJson (add \"NaN\" 0) }}", "toJson: unsupported value NaN")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
