using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// One entry of <c>metadata.managedFields</c>: a manager, the operation (Apply or Update), the apiVersion it used,
/// when its fields last changed, the subresource, and the fields it owns.
/// </summary>
internal sealed class ManagedFieldsEntry
{
    public const string ApplyOperation = "Apply";

    public const string UpdateOperation = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public FieldSet Fields { get; set; } = new();

    /// <summary>
    /// The manager as conflicts name it: <c>"kubectl"</c> for an applier, <c>"kubectl" using apps/v1</c> for an updater,
    /// with <c>with subresource "status"</c> when it wrote a subresource.
    /// </summary>
    public string Display
    {
        get
        {
            var text = GoFormat.Quote(Manager);
            if (!string.IsNullOrEmpty(Subresource))
            {
                text += " with subresource " + GoFormat.Quote(Subresource);
            }

            return Operation == UpdateOperation ? $"{text} using {ApiVersion}" : text;
        }
    }

    /// <summary>
    /// The entries of <paramref name="obj"/>; none when it has none, or when they cannot be read (the API server then
    /// starts over too).
    /// </summary>
    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        if ((obj["metadata"] as JsonObject)?["managedFields"] is not JsonArray entries)
        {
            return [];
        }

        var result = new List<ManagedFieldsEntry>();
        try
        {
            foreach (var node in entries)
            {
                if (node is not JsonObject entry || !JsonData.TryGetString(entry["manager"], out var manager)
                    || !JsonData.TryGetString(entry["operation"], out var operation) || operation is not (ApplyOperation or UpdateOperation))
                {
                    return [];
                }

                result.Add(new ManagedFieldsEntry
                {
                    Manager = manager,
                    Operation = operation,
                    ApiVersion = JsonData.TryGetString(entry["apiVersion"], out var apiVersion) ? apiVersion : null,
                    Time = JsonData.TryGetString(entry["time"], out var time) ? time : null,
                    Subresource = JsonData.TryGetString(entry["subresource"], out var subresource) && subresource.Length > 0 ? subresource : null,
                    Fields = entry["fieldsV1"] is JsonObject fields ? FieldSet.FromFieldsV1(fields) : new FieldSet(),
                });
            }
        }
        catch (PatchException)
        {
            return [];
        }

        return result;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> (those that still own something) to <c>metadata.managedFields</c>, in the API
    /// server's order: appliers first, then by time, manager, apiVersion and subresource.
    /// </summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var metadata = obj["metadata"] as JsonObject;
        if (metadata is null)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        var sorted = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? string.Empty, StringComparer.Ordinal)
            .Select(e => (JsonNode)e.ToJson())
            .ToArray();
        if (sorted.Length == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = new JsonArray(sorted);
        }
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether this entry is the one a write by <paramref name="manager"/> with <paramref name="operation"/> updates.</summary>
    public bool IsFor(string manager, string operation, string? apiVersion, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? string.Empty) == (subresource ?? string.Empty)
        && (operation == ApplyOperation || ApiVersion == apiVersion);

    private JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
        };
        if (ApiVersion is not null)
        {
            json["apiVersion"] = ApiVersion;
        }

        if (Time is not null)
        {
            json["time"] = Time;
        }

        json["fieldsType"] = "FieldsV1";
        // An object over a compact JSON element rather than a tree of nodes: every stored object carries its managed
        // fields, which are written out on each read and copied with the object, but only parsed when a write reads them.
        json["fieldsV1"] = JsonObject.Create(Fields.ToFieldsV1Element());
        if (Subresource is not null)
        {
            json["subresource"] = Subresource;
        }

        return json;
    }
}
