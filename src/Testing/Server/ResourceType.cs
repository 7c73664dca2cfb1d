using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>Which DNS rule an object's name must follow.</summary>
internal enum NameRule
{
    /// <summary>RFC 1123 subdomain (most kinds).</summary>
    Subdomain,

    /// <summary>RFC 1123 label (namespaces).</summary>
    Label,

    /// <summary>RFC 1035 label (services).</summary>
    Dns1035Label,
}

/// <summary>Where a resource's scale subresource reads and writes replicas (JSON paths like <c>.spec.replicas</c>).</summary>
internal sealed record ScaleSpec(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);

/// <summary>One served resource at one version: what discovery lists and what the handlers serve.</summary>
internal sealed record ResourceType(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced)
{
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool HasStatus { get; init; }

    public ScaleSpec? Scale { get; init; }

    public NameRule NameRule { get; init; } = NameRule.Subdomain;

    /// <summary>Field selector labels this kind supports beyond <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyList<string> FieldLabels { get; init; } = [];

    /// <summary>The name of the CustomResourceDefinition serving this type, or null for a built-in kind.</summary>
    public string? CrdName { get; init; }

    /// <summary>The CRD version's <c>openAPIV3Schema</c> (custom resources only).</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>
    /// Whether a delete that removes the object at once answers the object (custom resources, pods, service accounts)
    /// rather than a Status of Success (most built-in kinds).
    /// </summary>
    public bool ReturnsDeletedObject { get; init; }

    /// <summary>The CRD version's <c>additionalPrinterColumns</c> (custom resources only).</summary>
    public JsonArray? PrinterColumns { get; init; }

    public bool IsCustom => CrdName is not null;

    /// <summary>Whether this is the built-in resource <paramref name="group"/>/<paramref name="plural"/>.</summary>
    public bool IsBuiltIn(string group, string plural) => !IsCustom && Group == group && Plural == plural;

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The resource qualified by its group (<c>websites.example.com</c>); also the storage key shared by all versions.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The URL prefix of the group version: <c>/api/v1</c> or <c>/apis/{group}/{version}</c>.</summary>
    public string ApiPrefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
}
