using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Yaml;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) and the field ownership it rests on
/// (<c>metadata.managedFields</c>). An applier owns exactly the fields of its last applied configuration: applying
/// merges them into the live object; fields it applied before and no longer applies are removed unless another
/// manager owns them too; a field another manager owns that the apply would change is a conflict unless
/// <c>force</c>, which takes it over. Other writes (create, update, patches) are recorded with
/// <see cref="RecordUpdate"/> as Update operations, so later applies conflict with them.
/// </summary>
public static class ServerSideApply
{
    private const string BeforeFirstApply = "before-first-apply";

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    /// <summary>Reads an apply request's body, YAML or JSON, into an object.</summary>
    /// <exception cref="PatchException">The body does not parse, or is not one object (400).</exception>
    public static JsonObject ParseConfiguration(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonNode? root;
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                root = JsonNode.Parse(body, documentOptions: StrictJson);
            }
            catch (JsonException ex)
            {
                throw new PatchException("error decoding patch: " + ex.Message, ex);
            }
        }
        else
        {
            var file = YamlReader.Read("apply-patch", body);
            if (file.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            {
                throw new PatchException($"error decoding YAML: line {error.Location.Line}, column {error.Location.Column}: {error.Message}");
            }

            if (file.Documents.Count != 1)
            {
                throw new PatchException($"error decoding YAML: expected one document, found {file.Documents.Count}");
            }

            root = YamlValues.ToJson(file.Documents[0]);
        }

        return root as JsonObject ?? throw new PatchException("error decoding patch: the applied configuration must be an object, not " + JsonData.TypeOf(root));
    }

    /// <summary>
    /// Applies <paramref name="configuration"/> for <see cref="FieldManagerOptions.Manager"/> to a copy of
    /// <paramref name="live"/> (null to create). Neither argument is changed.
    /// </summary>
    /// <returns>The merged object with its managed fields, or the conflicts.</returns>
    /// <exception cref="PatchException">A map-list item lacks its key, or keys repeat (422).</exception>
    public static ApplyResult Apply(JsonObject? live, JsonObject configuration, FieldManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var rules = options.MergeKeys.Root;
        var time = ManagedFieldsEntry.FormatTime(options.Time ?? DateTimeOffset.UtcNow);
        var config = (JsonObject)configuration.DeepClone();
        foreach (var name in options.ResetFields)
        {
            config.Remove(name);
        }

        (config["metadata"] as JsonObject)?.Remove("managedFields");
        var current = live ?? [];
        var entries = ManagedFieldsEntry.Read(current);
        if (live is not null && entries.Count == 0)
        {
            AdoptUnmanagedFields(current, entries, options, time);
        }

        var applied = FieldSets.Applied(config, rules);
        FieldSets.RemoveUntracked(applied, options.ResetFields);
        var mine = entries.FirstOrDefault(e => e.IsFor(options.Manager, ManagedFieldsEntry.ApplyOperation, null, options.Subresource));
        var others = entries.Where(e => e != mine).ToList();

        var merged = (JsonObject)current.DeepClone();
        ApplyMerge.Merge(merged, config, rules);

        var conflicts = FindConflicts(current, merged, applied, others, rules);
        if (conflicts.Count > 0 && !options.Force)
        {
            return ApplyResult.Failure(conflicts.Select(c => c.Conflict).ToList());
        }

        foreach (var (owner, path, _) in conflicts)
        {
            owner.Fields.Remove(path);
        }

        if (mine is not null)
        {
            RemoveDropped(merged, mine.Fields, applied, others, rules);
        }

        var apiVersion = JsonData.TryGetString(config["apiVersion"], out var version) ? version : null;
        if (mine is null)
        {
            mine = new ManagedFieldsEntry { Manager = options.Manager, Operation = ManagedFieldsEntry.ApplyOperation, Subresource = options.Subresource, Time = time };
            entries.Add(mine);
        }
        else if (!mine.Fields.SetEquals(applied) || mine.ApiVersion != apiVersion)
        {
            mine.Time = time;
        }

        mine.ApiVersion = apiVersion;
        mine.Fields = applied;
        ManagedFieldsEntry.Write(merged, entries);
        return ApplyResult.Success(merged);
    }

    /// <summary>
    /// Records a non-apply write (create, update, JSON/merge/strategic patch) by <see cref="FieldManagerOptions.Manager"/>
    /// in <paramref name="after"/>'s <c>metadata.managedFields</c>, in place: the fields it added or changed become that
    /// manager's (an Update entry per manager and apiVersion) and leave other managers; fields it removed leave everyone.
    /// Managed fields the request itself set (different from <paramref name="before"/>'s) are taken as they are, and an
    /// empty list clears them.
    /// </summary>
    /// <param name="before">The stored object before the write; null for a create.</param>
    /// <param name="after">The object about to be stored.</param>
    /// <param name="options">The manager; <see cref="FieldManagerOptions.Force"/> is not used.</param>
    /// <exception cref="PatchException">A map-list item lacks its key (422).</exception>
    public static void RecordUpdate(JsonObject? before, JsonObject after, FieldManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(options);
        var requested = (after["metadata"] as JsonObject)?["managedFields"];
        var stored = (before?["metadata"] as JsonObject)?["managedFields"];
        var entries = before is null ? [] : ManagedFieldsEntry.Read(before);
        if (requested is not null && !JsonData.Equal(requested, stored))
        {
            if (requested is JsonArray { Count: 0 })
            {
                ManagedFieldsEntry.Write(after, []);
                return;
            }

            entries = ManagedFieldsEntry.Read(after);
        }

        var (changed, removed) = FieldSets.Diff(before, after, options.MergeKeys.Root);
        FieldSets.RemoveUntracked(changed, options.ResetFields);
        FieldSets.RemoveUntracked(removed, options.ResetFields);
        var removedPaths = removed.IsEmpty ? [] : removed.Members();
        var apiVersion = JsonData.TryGetString(after["apiVersion"], out var version) ? version : null;
        var mine = entries.FirstOrDefault(e => e.IsFor(options.Manager, ManagedFieldsEntry.UpdateOperation, apiVersion, options.Subresource));
        var others = entries.Where(e => e != mine).ToList();
        var changedPaths = others.Count == 0 ? [] : changed.Members(); // a create (or a sole manager) takes nothing from anyone
        foreach (var entry in others)
        {
            foreach (var path in changedPaths)
            {
                entry.Fields.Remove(path);
            }

            foreach (var path in removedPaths)
            {
                entry.Fields.RemoveSubtree(path);
            }
        }

        var owned = changed;
        if (mine is not null)
        {
            owned = mine.Fields.Clone();
            owned.UnionWith(changed);
        }

        foreach (var path in removedPaths)
        {
            owned.RemoveSubtree(path);
        }

        var time = ManagedFieldsEntry.FormatTime(options.Time ?? DateTimeOffset.UtcNow);
        if (mine is null)
        {
            entries.Add(new ManagedFieldsEntry
            {
                Manager = options.Manager,
                Operation = ManagedFieldsEntry.UpdateOperation,
                ApiVersion = apiVersion,
                Subresource = options.Subresource,
                Time = time,
                Fields = owned,
            });
        }
        else if (!owned.SetEquals(mine.Fields))
        {
            mine.Fields = owned;
            mine.Time = time;
        }

        ManagedFieldsEntry.Write(after, entries);
    }

    /// <summary>A live object nobody manages yet: its fields become "before-first-apply"'s, as the API server does on the first apply.</summary>
    private static void AdoptUnmanagedFields(JsonObject current, List<ManagedFieldsEntry> entries, FieldManagerOptions options, string time)
    {
        var (existing, _) = FieldSets.Diff(null, current, options.MergeKeys.Root);
        FieldSets.RemoveUntracked(existing, options.ResetFields);
        if (!existing.IsEmpty)
        {
            entries.Add(new ManagedFieldsEntry
            {
                Manager = BeforeFirstApply,
                Operation = ManagedFieldsEntry.UpdateOperation,
                ApiVersion = JsonData.TryGetString(current["apiVersion"], out var apiVersion) ? apiVersion : null,
                Time = time,
                Fields = existing,
            });
        }
    }

    /// <summary>The applied leaves whose value the apply changes and that another manager owns.</summary>
    private static List<(ManagedFieldsEntry Owner, string[] Path, ApplyConflict Conflict)> FindConflicts(
        JsonObject current, JsonObject merged, FieldSet applied, List<ManagedFieldsEntry> others, FieldRules rules)
    {
        var conflicts = new List<(ManagedFieldsEntry, string[], ApplyConflict)>();
        var beforeIndex = new PathIndex(current, rules);
        var afterIndex = new PathIndex(merged, rules);
        foreach (var path in applied.Members())
        {
            if (applied.Find(path)!.HasChildren || !others.Any(o => o.Fields.Contains(path)) || !beforeIndex.TryResolve(path, out var before))
            {
                continue;
            }

            if (afterIndex.TryResolve(path, out var after) && JsonData.Equal(before, after))
            {
                continue;
            }

            foreach (var owner in others.Where(o => o.Fields.Contains(path)))
            {
                conflicts.Add((owner, path, new ApplyConflict(owner.Manager, FieldSet.Describe(path), "conflict with " + owner.Display)));
            }
        }

        return conflicts;
    }

    /// <summary>Removes from <paramref name="merged"/> what the applier owned before and no longer applies, unless someone else owns it.</summary>
    private static void RemoveDropped(JsonObject merged, FieldSet previous, FieldSet applied, List<ManagedFieldsEntry> others, FieldRules rules)
    {
        bool Owned(IReadOnlyList<string> path) => applied.Touches(path) || others.Any(o => o.Fields.Touches(path));

        foreach (var path in previous.Members())
        {
            if (Owned(path) || !ObjectPaths.Remove(merged, path, rules))
            {
                continue;
            }

            // Maps and lists left empty by the removal go too (as structured-merge-diff drops them), unless someone owns them.
            for (var depth = path.Length - 1; depth > 0; depth--)
            {
                var parent = path[..depth];
                if (Owned(parent) || !ObjectPaths.TryResolve(merged, parent, rules, out var value) || value is not (JsonObject { Count: 0 } or JsonArray { Count: 0 }))
                {
                    break;
                }

                ObjectPaths.Remove(merged, parent, rules);
            }
        }
    }
}
