using Orkestra.Templating.Syntax;

namespace Orkestra.Templating;

/// <summary>
/// Upstream Orkestra's template function library (the "notes" of <c>pkg/note</c>), with upstream's names, argument
/// orders and semantics. Notes are pure: no I/O; the random notes draw only from <see cref="TemplateServices.Random"/>
/// and the time notes read "now" only from <see cref="TemplateServices.Clock"/>. They are nil-safe: a missing value
/// reads as the zero value of what the note expects. Their arities and documentation come from
/// <see cref="NoteCatalog"/>.
/// </summary>
public static class Notes
{
    /// <summary>Every note's implementation by name (tests compare this with the catalog).</summary>
    internal static IReadOnlyDictionary<string, Func<TemplateCall, object?>> Implementations { get; } = Build();

    /// <summary>Every note as a template function, in catalog order, with the catalog's arities.</summary>
    public static IReadOnlyList<TemplateFunction> Functions { get; } = NoteCatalog.All
        .Where(info => !info.IsBuiltin && Implementations.ContainsKey(info.Name))
        .Select(info => new TemplateFunction(info.Name, info.MinArguments, info.MaxArguments, Implementations[info.Name]))
        .ToArray();

    private static Dictionary<string, Func<TemplateCall, object?>> Build()
    {
        var registry = new NoteRegistry();
        CronNotes.Register(registry);
        SemverNotes.Register(registry);
        StringNotes.Register(registry);
        MathNotes.Register(registry);
        ConditionalNotes.Register(registry);
        TypeNotes.Register(registry);
        DataNotes.Register(registry);
        RandomNotes.Register(registry);
        TimeNotes.Register(registry);
        NetNotes.Register(registry);
        QuantityNotes.Register(registry);
        CollectionNotes.Register(registry);
        SafeAccessNotes.Register(registry);
        KubernetesNotes.Register(registry);
        FieldNotes.Register(registry);
        ReplicaNotes.Register(registry);
        ServiceNotes.Register(registry);
        ContainerNotes.Register(registry);
        JobNotes.Register(registry);
        PodNotes.Register(registry);
        WarningNotes.Register(registry);
        HpaNotes.Register(registry);
        IngressNotes.Register(registry);
        PvcNotes.Register(registry);
        NodeNotes.Register(registry);
        StatefulSetNotes.Register(registry);
        ReplicaSetNotes.Register(registry);
        DomainNotes.Register(registry);
        ValidationNotes.Register(registry);
        KubeValidationNotes.Register(registry);
        ServeNotes.Register(registry);
        PrometheusNotes.Register(registry);
        return registry.Functions;
    }
}

/// <summary>Collects the notes' implementations while <see cref="Notes"/> is built.</summary>
internal sealed class NoteRegistry
{
    /// <summary>The implementations added so far.</summary>
    public Dictionary<string, Func<TemplateCall, object?>> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a note; a name can be added once.</summary>
    public void Add(string name, Func<TemplateCall, object?> invoke) => Functions.Add(name, invoke);
}
