using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Server;

/// <summary>The query of a list or watch: selectors, namespace, pagination, and the watch parameters.</summary>
internal sealed record ListQuery(ResourceType Type, string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    public bool Watch { get; init; }

    public string? ResourceVersion { get; init; }

    public int? TimeoutSeconds { get; init; }

    public bool AllowBookmarks { get; init; }

    /// <summary>Whether to answer Tables (kubectl's <c>as=Table</c>), and what each row carries (<c>includeObject</c>).</summary>
    public bool AsTable { get; init; }

    public string? IncludeObject { get; init; }

    public static ListQuery Parse(ResourceType type, string? ns, HttpRequest request) => Parse(type, ns, request.Query) with
    {
        AsTable = TableConverter.Wanted(request.Headers.Accept.ToString()),
        IncludeObject = NonEmpty(request.Query["includeObject"]),
    };

    private static ListQuery Parse(ResourceType type, string? ns, IQueryCollection query) => new(type, ns,
        LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], type))
    {
        Limit = PositiveInt(query, "limit"),
        Continue = NonEmpty(query["continue"]),
        Watch = IsTrue(query["watch"]),
        ResourceVersion = NonEmpty(query["resourceVersion"]),
        TimeoutSeconds = PositiveInt(query, "timeoutSeconds"),
        AllowBookmarks = IsTrue(query["allowWatchBookmarks"]),
    };

    public bool Matches(JsonObject obj) =>
        (Namespace is null || ObjectMeta.Namespace(obj) == Namespace) && Labels.Matches(obj) && Fields.Matches(obj);

    /// <summary>Runs the list against the store, one page at a time when <see cref="Limit"/> is set.</summary>
    public (IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue, long? Remaining) Run(ObjectStore store)
    {
        var (all, version) = store.List(Type.QualifiedResource, Namespace);
        var start = "";
        if (Continue is not null)
        {
            (version, start) = DecodeContinue(Continue);
            if (version < store.CompactedVersion)
            {
                throw StatusErrors.Gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
        }
        var matching = all.Where(o => string.CompareOrdinal(Key(o), start) > 0 && Matches(o)).ToList();
        if (Limit is not { } limit || matching.Count <= limit)
        {
            return (matching, version.ToString(CultureInfo.InvariantCulture), null, null);
        }
        var page = matching.Take(limit).ToList();
        var token = EncodeContinue(version, Key(page[^1]));
        return (page, version.ToString(CultureInfo.InvariantCulture), token, matching.Count - limit);
    }

    private static string Key(JsonObject obj) => ObjectMeta.Namespace(obj) + "/" + ObjectMeta.Name(obj);

    private static string EncodeContinue(long version, string start)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = version, ["start"] = start }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long Version, string Start) DecodeContinue(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Convert.FromBase64String(base64));
            if (ObjectMeta.StringOf(json.Child("v")) == "meta.k8s.io/v1" && json.Child("rv")?.GetValue<long>() is { } rv and > 0 && ObjectMeta.StringOf(json.Child("start")) is { } start)
            {
                return (rv, start);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // Falls through to the error below.
        }
        throw StatusErrors.BadRequest("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static int? PositiveInt(IQueryCollection query, string name)
    {
        if (NonEmpty(query[name]) is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw StatusErrors.BadRequest($"invalid {name}: {text}");
        }
        return value > 0 ? value : null;
    }
}
