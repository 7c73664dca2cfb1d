using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Hooks;

/// <summary>
/// The katalog's <c>hooks.args</c> for one CR, templates rendered: a map whose values are strings, numbers,
/// booleans, lists or maps. Absent keys read as null (never throw), as upstream's <c>kube.Args()</c> does.
/// </summary>
/// <example>
/// <code>
/// var region = context.Args.String("region") ?? "us-east-1";
/// var replicas = context.Args.Int("readReplicaCount") ?? 1;
/// var engine = context.Args.Section("database").String("engine");
/// </code>
/// </example>
public sealed class HookArgs
{
    /// <summary>No args.</summary>
    public static HookArgs Empty => new(new JsonObject());

    /// <summary>Wraps <paramref name="values"/> (not copied).</summary>
    public HookArgs(JsonObject values) => Values = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>The args as JSON.</summary>
    public JsonObject Values { get; }

    /// <summary>The value of <paramref name="key"/> as text (numbers and booleans as written); null when absent or a list or map.</summary>
    public string? String(string key) => Values[key] is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : null;

    /// <summary>The value of <paramref name="key"/> as an integer (a number, or text that is one); null when absent or not an integer.</summary>
    public long? Int(string key) => String(key) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The value of <paramref name="key"/> as a boolean (<c>true</c>/<c>false</c>, also as text); null otherwise.</summary>
    public bool? Bool(string key) => String(key) switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => null,
    };

    /// <summary>The map at <paramref name="key"/> as args of its own; empty when absent or not a map.</summary>
    public HookArgs Section(string key) => Values[key] is JsonObject section ? new HookArgs(section) : Empty;
}
