using Orkestra.Diagnostics;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Model;

/// <summary>The kinds of document in the <c>orkestra.orkspace.io</c> group.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
enum DocumentKind
{
    /// <summary>An operator: CRD entries with their behaviour.</summary>
    Katalog,

    /// <summary>A reusable fragment imported by katalogs.</summary>
    Motif,

    /// <summary>A composition of katalogs.</summary>
    Komposer,

    /// <summary>A simulation with expectations.</summary>
    Simulate,

    /// <summary>An end-to-end test.</summary>
    E2E,
}

/// <summary>
/// What every Orkestra document has. <see cref="Node"/> is the whole document in the current layout (older
/// spellings already moved to their current place), so blocks this version does not model yet are kept.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
abstract class OrkestraDocument
{
    private protected OrkestraDocument(string path, DocumentKind kind, string apiVersion, YamlMapping node)
    {
        Path = path;
        Kind = kind;
        ApiVersion = apiVersion;
        Node = node;
        var metadata = node["metadata"] as YamlMapping;
        Name = metadata?.GetString("name") ?? string.Empty;
        Version = metadata?.GetString("version");
        Description = metadata?.GetString("description");
        Author = metadata?.GetString("author");
    }

    /// <summary>The file the document was read from.</summary>
    public string Path { get; }

    /// <summary>The document's kind.</summary>
    public DocumentKind Kind { get; }

    /// <summary>The apiVersion as written.</summary>
    public string ApiVersion { get; }

    /// <summary>The document in the current layout.</summary>
    public YamlMapping Node { get; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; }

    /// <summary><c>metadata.version</c>.</summary>
    public string? Version { get; }

    /// <summary><c>metadata.description</c>.</summary>
    public string? Description { get; }

    /// <summary><c>metadata.author</c>.</summary>
    public string? Author { get; }

    /// <summary>Where the document starts.</summary>
    public SourceLocation Location => Node.Location;
}

/// <summary>The group, version, kind and plural a CRD entry serves.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version reconciled.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Plural">The plural resource name.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record ApiTypes(string Group, string Version, string Kind, string Plural)
{
    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <inheritdoc />
    public override string ToString() => ApiVersion + ", Kind=" + Kind;
}

/// <summary>A dependency of a CRD entry on another (<c>dependsOn</c>).</summary>
/// <param name="Crd">The CRD key depended on.</param>
/// <param name="Condition"><c>started</c> or <c>healthy</c>.</param>
/// <param name="Location">Where the dependency is written.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record CrdDependency(string Crd, string Condition, SourceLocation Location);

/// <summary>An import of a motif, with the inputs passed to it.</summary>
/// <param name="Reference">The motif reference as written (a path, or a registry reference).</param>
/// <param name="With">The <c>with:</c> inputs, as templates.</param>
/// <param name="Location">Where the import is written.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record MotifImport(string Reference, YamlMapping? With, SourceLocation Location);

/// <summary>One entry of <c>spec.crds</c>: a CRD and how it is operated.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class CrdEntry
{
    internal CrdEntry(string name, YamlScalar key, YamlMapping node, string sourcePath)
    {
        Name = name;
        Key = key;
        Node = node;
        SourcePath = sourcePath;
    }

    /// <summary>The entry's key in <c>spec.crds</c>.</summary>
    public string Name { get; }

    /// <summary>The key node (for locations).</summary>
    public YamlScalar Key { get; }

    /// <summary>The entry in the current layout; after motif expansion, with the motifs' contributions merged in.</summary>
    public YamlMapping Node { get; internal set; }

    /// <summary>The file that declares the entry (a Komposer merges entries from several).</summary>
    public string SourcePath { get; }

    /// <summary>
    /// The katalog document that declares the entry (its canonical tree): where its notes and profiles are. For a
    /// Komposer's entries, the imported katalog's, not the Komposer's.
    /// </summary>
    public YamlMapping? SourceKatalog { get; internal set; }

    /// <summary><c>enabled</c> (default true).</summary>
    public bool Enabled => Node["enabled"] is not YamlScalar { Kind: ScalarKind.Bool } b || ScalarResolver.ToBool(b.Value);

    /// <summary><c>crdFile</c>, as written.</summary>
    public string? CrdFile => Node.GetString("crdFile");

    /// <summary>The served kind, from <c>apiTypes</c> or inferred from <c>crdFile</c>; null when neither says.</summary>
    public ApiTypes? ApiTypes { get; internal set; }

    /// <summary>Whether the CRD is namespaced (from <c>namespaced</c>, else the CRD's scope, else true).</summary>
    public bool Namespaced { get; internal set; } = true;

    /// <summary>The CRD read from <c>crdFile</c>, when there is one and it could be read.</summary>
    public CrdInfo? Crd { get; internal set; }

    /// <summary>Whether the entry serves a built-in Kubernetes kind rather than a custom resource.</summary>
    public bool IsBuiltIn => ApiTypes is { } t && Crd is null && BuiltInGroups.Contains(t.Group);

    /// <summary>The <c>dependsOn</c> entries.</summary>
    public IReadOnlyList<CrdDependency> DependsOn { get; internal set; } = Array.Empty<CrdDependency>();

    /// <summary>The motif imports, from the entry and from <c>operatorBox.reconcile.imports</c>.</summary>
    public IReadOnlyList<MotifImport> Imports { get; internal set; } = Array.Empty<MotifImport>();

    /// <summary>The local motifs expanded into this entry, in import order (nested imports first).</summary>
    public IReadOnlyList<MotifDocument> Motifs { get; internal set; } = Array.Empty<MotifDocument>();

    /// <summary>
    /// The inputs of the imported motifs: <c>with:</c> templates, else the inputs' defaults (evaluated per reconcile as
    /// <c>.inputs</c>).
    /// </summary>
    public YamlMapping? Inputs { get; internal set; }

    /// <summary><c>operatorBox</c>, in the current layout.</summary>
    public YamlMapping? OperatorBox => Node["operatorBox"] as YamlMapping;

    /// <summary><c>operatorBox.reconcile</c>.</summary>
    public YamlMapping? Reconcile => OperatorBox?["reconcile"] as YamlMapping;

    /// <summary><c>operatorBox.reconcile.workers</c>, when declared.</summary>
    public string? Workers => Reconcile?.GetString("workers");

    /// <summary><c>operatorBox.reconcile.resync</c>, when declared.</summary>
    public string? Resync => Reconcile?.GetString("resync");

    /// <summary>Whether the entry declares typed hooks.</summary>
    public bool HasHooks => Reconcile?["hooks"] is YamlMapping;

    /// <summary>The groups of the built-in Kubernetes API.</summary>
    public static readonly HashSet<string> BuiltInGroups = new(StringComparer.Ordinal)
    {
        string.Empty, "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
        "storage.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "scheduling.k8s.io",
        "node.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "certificates.k8s.io",
    };
}

/// <summary>What the loader read from a <c>CustomResourceDefinition</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Group">spec.group.</param>
/// <param name="Kind">spec.names.kind.</param>
/// <param name="Plural">spec.names.plural.</param>
/// <param name="Versions">The served versions, storage version first.</param>
/// <param name="StorageVersion">The storage version.</param>
/// <param name="Namespaced">Whether spec.scope is Namespaced.</param>
/// <param name="Node">The whole CRD document.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record CrdInfo(string Path, string Group, string Kind, string Plural, IReadOnlyList<string> Versions, string StorageVersion, bool Namespaced, YamlMapping Node);

/// <summary>A Katalog: CRD entries and the blocks shared by them.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class KatalogDocument : OrkestraDocument
{
    internal KatalogDocument(string path, string apiVersion, YamlMapping node, IReadOnlyList<CrdEntry> crds)
        : base(path, DocumentKind.Katalog, apiVersion, node) => Crds = crds;

    /// <summary>The CRD entries, in document order (after a Komposer merge: in import order).</summary>
    public IReadOnlyList<CrdEntry> Crds { get; internal set; }

    /// <summary>The enabled CRD entries.</summary>
    public IEnumerable<CrdEntry> EnabledCrds => Crds.Where(c => c.Enabled);

    /// <summary>
    /// Every template field of the katalog (entries after motif expansion, notes), parsed when it loaded: the
    /// renderer looks a field's scalar up here instead of parsing it again.
    /// </summary>
    public IReadOnlyDictionary<YamlScalar, Templating.Syntax.ParsedTemplate> Templates { get; internal set; } =
        new Dictionary<YamlScalar, Templating.Syntax.ParsedTemplate>();

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public CrdEntry? Crd(string name) => Crds.FirstOrDefault(c => c.Name == name);
}

/// <summary>An input a motif declares.</summary>
/// <param name="Name">The input's name (<c>.inputs.name</c>).</param>
/// <param name="Required">Whether an importer must pass it.</param>
/// <param name="Default">The default value, when there is one.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record MotifInput(string Name, bool Required, YamlNode? Default);

/// <summary>A Motif: resources, status, admission and notes to import into CRD entries.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class MotifDocument : OrkestraDocument
{
    internal MotifDocument(string path, string apiVersion, YamlMapping node, IReadOnlyList<MotifInput> inputs)
        : base(path, DocumentKind.Motif, apiVersion, node) => Inputs = inputs;

    /// <summary>The declared inputs.</summary>
    public IReadOnlyList<MotifInput> Inputs { get; }
}

/// <summary>
/// A Komposer: katalogs from files and registries merged, with per-CRD overrides. After loading,
/// <see cref="Katalog"/> holds the merged result.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class KomposerDocument : OrkestraDocument
{
    internal KomposerDocument(string path, string apiVersion, YamlMapping node)
        : base(path, DocumentKind.Komposer, apiVersion, node)
    {
    }

    /// <summary>The merged katalog (local sources and overrides).</summary>
    public KatalogDocument? Katalog { get; internal set; }
}

/// <summary>A Simulate or E2E document: a test of a katalog.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TestDocument : OrkestraDocument
{
    internal TestDocument(string path, DocumentKind kind, string apiVersion, YamlMapping node)
        : base(path, kind, apiVersion, node)
    {
    }

    /// <summary>The number of expectations (Simulate ops and absences, E2E checkpoints).</summary>
    public int ExpectationCount { get; internal set; }
}
