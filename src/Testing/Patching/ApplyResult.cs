using System.Text.Json.Nodes;

namespace Orkestra.Testing.Patching;

/// <summary>The outcome of <see cref="ServerSideApply.Apply"/>: the object to store, or the conflicts to answer 409 with.</summary>
public sealed class ApplyResult
{
    private ApplyResult(JsonObject? obj, IReadOnlyList<ApplyConflict> conflicts)
    {
        Object = obj;
        Conflicts = conflicts;
    }

    /// <summary>The merged object with its updated <c>metadata.managedFields</c>; null when there are conflicts.</summary>
    public JsonObject? Object { get; }

    /// <summary>The conflicts that stopped the apply; empty when it succeeded.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    /// <summary>Whether the apply succeeded (no conflicts).</summary>
    public bool Succeeded => Conflicts.Count == 0;

    /// <summary>
    /// The message of the 409 Status, in the API server's words: <c>Apply failed with 1 conflict: conflict with
    /// "kubectl-client-side-apply" using apps/v1: .spec.replicas</c>, or for several, one block per manager
    /// (<c>conflicts with "x":</c> then <c>- .spec.a</c> lines); empty when there are no conflicts.
    /// </summary>
    public string ConflictMessage
    {
        get
        {
            switch (Conflicts.Count)
            {
                case 0:
                    return string.Empty;
                case 1:
                    return $"Apply failed with 1 conflict: {Conflicts[0].Message}: {Conflicts[0].Field}";
                default:
                    var lines = Conflicts
                        .GroupBy(c => c.Message, StringComparer.Ordinal)
                        .OrderBy(g => g.First().Manager, StringComparer.Ordinal)
                        .ThenBy(g => g.Key, StringComparer.Ordinal)
                        .SelectMany(g => g.Select(c => "- " + c.Field).Prepend("conflicts" + g.Key["conflict".Length..] + ":"));
                    return $"Apply failed with {Conflicts.Count} conflicts: {string.Join("\n", lines)}";
            }
        }
    }

    internal static ApplyResult Success(JsonObject obj) => new(obj, []);

    internal static ApplyResult Failure(IReadOnlyList<ApplyConflict> conflicts) => new(null, conflicts);
}
