using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// The list merge keys (and atomic structs) of one kind, shared by strategic merge patch and server-side apply: for a
/// built-in kind from <see cref="ForKind"/> (containers by name, ports by containerPort, env by name, volumes by name,
/// volumeMounts by mountPath, conditions by type, finalizers as a set, ownerReferences by uid, …), for a custom
/// resource from its CRD version's schema with <see cref="ForSchema"/> (<c>x-kubernetes-list-type</c>,
/// <c>x-kubernetes-list-map-keys</c>, <c>x-kubernetes-map-type</c>). Build once per kind or CRD version and reuse.
/// </summary>
public sealed class MergeKeys
{
    private MergeKeys(FieldRules root)
    {
        Root = root;
    }

    internal FieldRules Root { get; }

    /// <summary>
    /// The keys of a built-in kind (<c>Deployment</c>, <c>Service</c>, …). A kind the table does not know gets the
    /// rules every object shares (metadata finalizers and owner references, <c>status.conditions</c> by type).
    /// </summary>
    public static MergeKeys ForKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new MergeKeys(BuiltInListRules.For(kind));
    }

    /// <summary>The keys of a custom resource, from the schema of its CRD version, plus the metadata rules every object has.</summary>
    public static MergeKeys ForSchema(StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var root = SchemaListRules.From(schema);
        BuiltInListRules.AddMetadata(root.At("metadata"));
        return new MergeKeys(root);
    }
}
