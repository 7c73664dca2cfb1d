using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;
using NoteLibrary = Orkestra.Templating.Notes;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>Renders notes the way katalog fields use them: through <see cref="FieldTemplate"/> and <see cref="FunctionSet.Standard"/>.</summary>
internal static class NoteTestSupport
{
    /// <summary>The catalog examples' "now": Thursday 2026-01-15 10:30:00 UTC.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse(NoteCatalog.ExampleNow, CultureInfo.InvariantCulture);

    /// <summary>A fixed clock and a seeded random source.</summary>
    public static TemplateServices Services(DateTimeOffset? now = null, int seed = 42) => new(new FixedClock(now ?? Now), new Random(seed));

    /// <summary>The value model of JSON text ("" is no data).</summary>
    public static object? Data(string json) => json.Length == 0 ? null : TemplateData.FromJson(JsonNode.Parse(json));

    /// <summary>Renders <paramref name="template"/> against the JSON <paramref name="json"/>.</summary>
    public static string Render(string template, string json = "{}", DateTimeOffset? now = null, int seed = 42) =>
        FieldTemplate.Parse(template, FunctionSet.Standard).Render(Data(json), Services(now, seed));

    /// <summary>The message of the execution error <paramref name="template"/> fails with.</summary>
    public static string Error(string template, string json = "{}")
    {
        var field = FieldTemplate.Parse(template, FunctionSet.Standard);
        var error = Assert.Throws<TemplateExecutionException>(() => field.Render(Data(json), Services()));
        return error.Message;
    }

    /// <summary>Calls the note <paramref name="name"/> directly, bypassing the engine.</summary>
    public static object? Call(string name, params object?[] arguments) =>
        NoteLibrary.Implementations[name](new TemplateCall(arguments, null, Services()));
}
