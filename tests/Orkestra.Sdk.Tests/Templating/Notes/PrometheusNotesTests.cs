using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class PrometheusNotesTests
{
    private const string Data = """
        {
          "external": {
            "vector": { "result": "5", "raw": { "data": { "resultType": "vector", "result": [
              { "metric": { "pod": "a", "ns": "x" }, "value": [ 1700000000, "5" ] },
              { "metric": { "pod": "b" }, "value": [ 1700000000, "2.5" ] } ] } } },
            "ints": { "result": "1", "raw": { "data": { "resultType": "vector", "result": [ { "value": [ 1, "1" ] }, { "value": [ 1, "2" ] } ] } } },
            "negative": { "result": "-1", "raw": { "data": { "resultType": "vector", "result": [ { "value": [ 1, "-1" ] }, { "value": [ 1, "-5" ] } ] } } },
            "scalar": { "result": "42", "raw": { "data": { "resultType": "scalar", "result": [ 1700000000, "42" ] } } },
            "plain": { "result": "0.5" },
            "empty": { "result": "", "raw": { "data": { "resultType": "vector", "result": [] } } },
            "bad": { "result": "x", "raw": { "data": { "resultType": "vector", "result": [ { "value": [ 1, "x" ] } ] } } },
            "matrix": { "result": "3", "raw": { "data": { "resultType": "matrix", "result": [ { "values": [ [ 1, "3" ] ] } ] } } }
          }
        }
        """;

    [Theory]
    [InlineData("{{ promValue .external.vector }} {{ promValue .external.scalar }} {{ promValue .external.plain }} [{{ promValue .external.empty }}][{{ promValue .missing }}]", "5 42 0.5 [][]")]
    [InlineData("{{ promSum .external.vector }} {{ promSum .external.ints }} {{ promSum .external.scalar }} {{ promSum .external.plain }}", "7.5 3 42 0.5")]
    [InlineData("[{{ promSum .external.empty }}][{{ promSum .external.bad }}][{{ promSum .missing }}][{{ promSum .external.matrix }}]", "[][][][]")]
    [InlineData("{{ promMax .external.vector }} {{ promMax .external.negative }} [{{ promMax .external.empty }}]", "5 -1 []")]
    [InlineData("{{ promSeriesCount .external.vector }} {{ promSeriesCount .external.scalar }} {{ promSeriesCount .external.plain }} {{ promSeriesCount .external.empty }} {{ promSeriesCount .missing }}", "2 1 1 0 0")]
    [InlineData("{{ promLabelValues .external.vector \"pod\" }} {{ promLabelValues .external.vector \"ns\" }} [{{ promLabelValues .external.vector \"none\" }}][{{ promLabelValues .missing \"pod\" }}]", "a,b x [][]")]
    [InlineData("{{ promAboveThreshold .external.vector 1000 }} {{ promAboveThreshold .external.vector 4 }} {{ promAboveThreshold .external.vector 4.5 }} {{ promAboveThreshold .external.vector \"4\" }}", "false true true true")]
    [InlineData("{{ promAboveThreshold .external.vector \"x\" }} {{ promAboveThreshold .external.vector .missing }} {{ promAboveThreshold .missing 1 }} {{ promAboveThreshold .external.bad 1 }}", "false false false false")]
    [InlineData("{{ promBelowThreshold .external.vector 10 }} {{ promBelowThreshold .external.vector 5 }} {{ promBelowThreshold .external.plain \"0.6\" }}", "true false true")]
    [InlineData("{{ printf \"%T %T\" (promSum .external.vector) (promAboveThreshold .external.vector 1) }}", "string string")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Fact]
    public void Label_must_be_a_string() =>
        Assert.Contains("expected string; got int", Error("{{ promLabelValues .external.vector 1 }}", Data), StringComparison.Ordinal);
}
