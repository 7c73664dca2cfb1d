using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;

namespace Orkestra.Devkit.Templating;

/// <summary>
/// The logic behind <c>ork template</c>: a katalog (or komposer) as the loader holds it — motifs, <c>include:</c>
/// fragments and Komposer overrides merged, older spellings moved to the current layout — and, for CRs read from
/// files, the complete objects the katalog yields for each, in apply order.
/// </summary>
public static partial class Templater
{
    /// <summary>What the first reconcile of a new CR applies: <c>onCreate</c>, then <c>onReconcile</c>.</summary>
    public static readonly IReadOnlyList<ResourcePhase> FirstReconcile = new[] { ResourcePhase.Create, ResourcePhase.Reconcile };

    /// <summary>The Katalog or Komposer documents of <paramref name="path"/>, expanded, read from the file system.</summary>
    public static ExpandResult Expand(string path) => Expand(path, PhysicalDocumentHost.Instance);

    /// <summary>The Katalog or Komposer documents of <paramref name="path"/>, expanded, read through <paramref name="host"/>.</summary>
    public static ExpandResult Expand(string path, IDocumentHost host)
    {
        var (katalogs, diagnostics) = LoadKatalogs(path, host);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new ExpandResult(Array.Empty<JsonObject>(), diagnostics);
        }

        return new ExpandResult(katalogs.Select(k => k.Tree).ToList(), diagnostics);
    }

    /// <summary>
    /// The objects the katalog (or komposer) of <paramref name="katalogPath"/> yields for every CR of
    /// <paramref name="crPaths"/>, read from the file system.
    /// </summary>
    public static RenderReport Render(string katalogPath, IReadOnlyList<string> crPaths, IReadOnlyList<ResourcePhase>? phases = null) =>
        Render(katalogPath, crPaths, phases, PhysicalDocumentHost.Instance);

    /// <summary>
    /// The objects the katalog (or komposer) of <paramref name="katalogPath"/> yields for every CR of
    /// <paramref name="crPaths"/> (multi-document files allowed, and <c>kind: List</c>), in file order; for each CR,
    /// the blocks of <paramref name="phases"/> in that order (default: <see cref="FirstReconcile"/>), each block's
    /// objects in declared order. Nothing is rendered when the katalog or a CR file does not load.
    /// </summary>
    public static RenderReport Render(string katalogPath, IReadOnlyList<string> crPaths, IReadOnlyList<ResourcePhase>? phases, IDocumentHost host)
    {
        phases ??= FirstReconcile;
        var (katalogs, diagnostics) = LoadKatalogs(katalogPath, host);
        var crs = new List<(JsonObject Cr, SourceLocation Location)>();
        foreach (var crPath in crPaths)
        {
            ReadCrs(crPath, host, diagnostics, crs);
        }

        var rendered = new List<RenderedCr>();
        var problems = new List<TemplateProblem>();
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new RenderReport(diagnostics, rendered, problems);
        }

        var renderers = new Dictionary<CrdEntry, ResourceRenderer>();
        foreach (var (cr, location) in crs)
        {
            if (Match(cr, location, katalogs, problems) is not { } match)
            {
                continue;
            }

            var (katalog, entry) = match;
            if (!renderers.TryGetValue(entry, out var renderer))
            {
                try
                {
                    renderer = ResourceRenderer.Create(katalog, entry);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    problems.Add(new TemplateProblem(entry.Key.Location, $"spec.crds.{entry.Name}: the entry cannot be prepared for rendering: {ex.Message}"));
                    continue;
                }

                // Conditions that do not read (the loader reports them first): the items concerned are skipped.
                problems.AddRange(renderer.Diagnostics
                    .Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(d => new TemplateProblem(d.Location, d.Message)));
                renderers[entry] = renderer;
            }

            rendered.Add(RenderOne(cr, location, katalog, entry, renderer, phases, problems));
        }

        return new RenderReport(diagnostics, rendered, problems);
    }

    private static RenderedCr RenderOne(
        JsonObject cr,
        SourceLocation location,
        KatalogDocument katalog,
        CrdEntry entry,
        ResourceRenderer renderer,
        IReadOnlyList<ResourcePhase> phases,
        List<TemplateProblem> problems)
    {
        // The CR as the API server would return it: the CRD's schema defaults applied, a namespace (kubectl's
        // default) and a uid.
        if (entry.Crd is { } crd)
        {
            var apiVersion = Text(cr["apiVersion"]);
            CrdDefaults.Apply(cr, crd, apiVersion.Substring(apiVersion.LastIndexOf('/') + 1));
        }

        var metadata = cr["metadata"] as JsonObject;
        if (metadata is null)
        {
            cr["metadata"] = metadata = new JsonObject();
        }

        var hasUid = metadata["uid"] is JsonValue uidValue && uidValue.TryGetValue<string>(out var given) && given.Length > 0;
        if (!hasUid)
        {
            metadata["uid"] = SystemMetadata.PlaceholderUid;
        }

        if (entry.Namespaced && (metadata["namespace"] is not JsonValue nsValue || !nsValue.TryGetValue<string>(out var ns) || ns.Length == 0))
        {
            metadata["namespace"] = "default";
        }

        var kind = Text(cr["kind"]);
        var name = Text(metadata["name"]);
        var description = entry.Namespaced ? kind + " " + Text(metadata["namespace"]) + "/" + name : kind + " " + name;
        var resources = new List<DesiredResource>();
        var errors = new List<ResourceError>();
        foreach (var phase in phases)
        {
            RenderResult result;
            try
            {
                result = renderer.Render(cr, phase);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var error = new ResourceError("spec.crds." + entry.Name, $"spec.crds.{entry.Name}: rendering failed unexpectedly: {ex.Message} ({description}); please report this with the katalog");
                errors.Add(error);
                problems.Add(new TemplateProblem(entry.Key.Location, error.Message));
                continue;
            }

            resources.AddRange(result.Resources);
            foreach (var error in result.Errors)
            {
                errors.Add(error);
                problems.Add(new TemplateProblem(Locate(katalog, entry, error.Field), error.Message));
            }
        }

        return new RenderedCr(description, Text(metadata["uid"]), !hasUid, location, entry.Name, resources, errors);
    }

    // The enabled entry that serves the CR's group and kind; otherwise a problem that lists what the katalog serves.
    private static (KatalogDocument Katalog, CrdEntry Entry)? Match(JsonObject cr, SourceLocation location, List<LoadedKatalog> katalogs, List<TemplateProblem> problems)
    {
        var apiVersion = Text(cr["apiVersion"]);
        var kind = Text(cr["kind"]);
        var name = Text((cr["metadata"] as JsonObject)?["name"]);
        if (apiVersion.Length == 0 || kind.Length == 0)
        {
            problems.Add(new TemplateProblem(location, "the CR has no " + (apiVersion.Length == 0 ? "apiVersion" : "kind") + "; a CR needs apiVersion, kind and metadata.name, as kubectl apply does"));
            return null;
        }

        var described = kind + " '" + (name.Length == 0 ? "(no name)" : name) + "' (" + apiVersion + ")";
        if (name.Length == 0)
        {
            problems.Add(new TemplateProblem(location, described + " has no metadata.name; give the CR a name"));
            return null;
        }

        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion.Substring(0, slash);
        var entries = katalogs.SelectMany(k => k.Katalog.Crds.Select(e => (k.Katalog, Entry: e))).ToList();
        var matches = entries.Where(p => p.Entry.ApiTypes is { } t && t.Kind == kind && t.Group == group).ToList();

        // Several entries may serve one kind at different versions (an API being upgraded): the CR's own version first.
        var version = apiVersion.Substring(slash + 1);
        var enabled = matches.Where(p => p.Entry.Enabled).OrderBy(p => p.Entry.ApiTypes!.Version == version ? 0 : 1).ToList();
        if (enabled.Count > 0)
        {
            return enabled[0];
        }

        if (matches.Count > 0)
        {
            problems.Add(new TemplateProblem(location, $"{described}: CRD entry '{matches[0].Entry.Name}' serves this kind but is disabled (enabled: false); enable it to render this CR"));
            return null;
        }

        var served = entries.Where(p => p.Entry.Enabled && p.Entry.ApiTypes is not null)
            .Select(p => p.Entry.ApiTypes!.Kind + " (" + p.Entry.ApiTypes.ApiVersion + ")")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var hint = served.Count == 0
            ? "the katalog serves no kind (no enabled CRD entry)"
            : "the katalog serves " + string.Join(", ", served);
        problems.Add(new TemplateProblem(location, $"{described} is not a kind the katalog serves; {hint}"));
        return null;
    }

    private static void ReadCrs(string path, IDocumentHost host, List<Diagnostic> diagnostics, List<(JsonObject, SourceLocation)> crs)
    {
        var text = host.ReadAllText(path);
        if (text is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.FileNotFound, SourceLocation.File(path), "CR file", path, Path.GetFullPath(path)));
            return;
        }

        var file = YamlReader.Read(path, text);
        diagnostics.AddRange(file.Diagnostics);
        if (file.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return;
        }

        if (file.Documents.All(d => d is YamlScalar { IsNull: true }))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotAnOrkestraDocument, SourceLocation.File(path), "the CR file holds no document; write one CR (apiVersion, kind, metadata, spec) per YAML document"));
            return;
        }

        foreach (var document in file.Documents)
        {
            switch (document)
            {
                case YamlScalar { IsNull: true }:
                    continue; // an empty document between two "---" separators
                case YamlMapping list when list.GetString("kind") == "List" && list["items"] is YamlSequence items:
                    foreach (var item in items.Items)
                    {
                        AddCr(item, diagnostics, crs);
                    }

                    break;
                default:
                    AddCr(document, diagnostics, crs);
                    break;
            }
        }
    }

    private static void AddCr(YamlNode document, List<Diagnostic> diagnostics, List<(JsonObject, SourceLocation)> crs)
    {
        if (YamlValues.ToJson(document) is JsonObject cr)
        {
            crs.Add((cr, document.Location));
        }
        else
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotAnOrkestraDocument, document.Location, "a CR must be a mapping with apiVersion, kind and metadata, but this document is " + document.Describe()));
        }
    }

    // Every Katalog and Komposer of the file, with its printable tree; any other kind of document is an error.
    private static (List<LoadedKatalog> Katalogs, List<Diagnostic> Diagnostics) LoadKatalogs(string path, IDocumentHost host)
    {
        var result = DocumentLoader.Load(path, host);
        var diagnostics = result.Diagnostics.ToList();
        var katalogs = new List<LoadedKatalog>();
        foreach (var document in result.Documents)
        {
            switch (document)
            {
                case KatalogDocument katalog:
                    katalogs.Add(new LoadedKatalog(katalog, KatalogTree(katalog)));
                    break;
                case KomposerDocument { Katalog: { } merged }:
                    katalogs.Add(new LoadedKatalog(merged, KomposerTree(merged)));
                    break;
                default:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongImportKind, document.Location, path, document.Kind, "ork template", "Katalog or a Komposer"));
                    break;
            }
        }

        if (katalogs.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotAnOrkestraDocument, SourceLocation.File(path), "the file holds no Katalog or Komposer; ork template expands a Katalog or a Komposer"));
        }

        return (katalogs, diagnostics);
    }

    // The katalog in the current layout: what the loader holds, under the current apiVersion.
    private static JsonObject KatalogTree(KatalogDocument katalog)
    {
        var tree = YamlValues.ToJson(katalog.Node) as JsonObject ?? new JsonObject();
        tree["apiVersion"] = DocumentLoader.ApiVersion;
        return tree;
    }

    // A Komposer's merged katalog: the top-level blocks of the merged document (metadata, notes, profiles, security, …)
    // and the merged CRD entries under spec.crds; the Komposer's imports are what was merged, so they are not repeated.
    private static JsonObject KomposerTree(KatalogDocument merged)
    {
        var tree = new JsonObject
        {
            ["apiVersion"] = DocumentLoader.ApiVersion,
            ["kind"] = "Katalog",
        };

        var crds = new JsonObject();
        foreach (var entry in merged.Crds)
        {
            crds[entry.Name] = YamlValues.ToJson(entry.Node);
        }

        foreach (var block in merged.Node.Entries)
        {
            switch (block.Name)
            {
                case "apiVersion" or "kind" or "imports" or "sources":
                    break;
                case "spec":
                    tree["spec"] = new JsonObject { ["crds"] = crds };
                    break;
                default:
                    tree[block.Name] = YamlValues.ToJson(block.Value);
                    break;
            }
        }

        if (!tree.ContainsKey("spec"))
        {
            tree["spec"] = new JsonObject { ["crds"] = crds };
        }

        return tree;
    }

    // Where a katalog field (spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0].replicas) is written:
    // the deepest node of the path that exists (a motif's item is located in the motif's file).
    private static SourceLocation Locate(KatalogDocument katalog, CrdEntry entry, string field)
    {
        var prefix = "spec.crds." + entry.Name;
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return entry.Key.Location;
        }

        YamlNode node = entry.Node;
        foreach (Match step in PathStep().Matches(field.Substring(prefix.Length)))
        {
            YamlNode? next = null;
            if (step.Groups["name"].Success && node is YamlMapping mapping)
            {
                next = mapping[step.Groups["name"].Value];
            }
            else if (step.Groups["index"].Success && node is YamlSequence sequence
                     && int.TryParse(step.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < sequence.Items.Count)
            {
                next = sequence.Items[index];
            }

            if (next is null)
            {
                break;
            }

            node = next;
        }

        return node == entry.Node ? entry.Key.Location : node.Location;
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node is null ? string.Empty : node.ToJsonString();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    private sealed record LoadedKatalog(KatalogDocument Katalog, JsonObject Tree);
}

/// <summary>What <see cref="Templater.Expand(string)"/> found.</summary>
/// <param name="Katalogs">Each Katalog or Komposer of the file as one expanded katalog (empty when loading failed).</param>
/// <param name="Diagnostics">Every problem the loader reported, warnings included.</param>
public sealed record ExpandResult(IReadOnlyList<JsonObject> Katalogs, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>What <see cref="Templater.Render(string, IReadOnlyList{string}, IReadOnlyList{ResourcePhase})"/> found.</summary>
/// <param name="Diagnostics">Loading the katalog and reading the CR files: every problem, warnings included.</param>
/// <param name="Crs">Every CR the katalog serves, in file order, with its objects.</param>
/// <param name="Problems">CRs that could not be rendered and items that failed, in CR order.</param>
public sealed record RenderReport(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<RenderedCr> Crs, IReadOnlyList<TemplateProblem> Problems)
{
    /// <summary>Whether loading failed, or a CR or an item could not be rendered.</summary>
    public bool HasErrors => Problems.Count > 0 || Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether the katalog and the CR files loaded (so CRs were rendered).</summary>
    public bool Loaded => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>One CR and the objects the katalog yields for it.</summary>
/// <param name="Description">The CR as messages name it: <c>Website default/hello</c>.</param>
/// <param name="Uid">The uid the owner references carry: the CR's own, or <see cref="SystemMetadata.PlaceholderUid"/>.</param>
/// <param name="UidIsPlaceholder">Whether the CR had no uid, so <see cref="SystemMetadata.PlaceholderUid"/> stands in.</param>
/// <param name="Location">Where the CR is written.</param>
/// <param name="Entry">The CRD entry that serves it.</param>
/// <param name="Resources">The objects, in apply order.</param>
/// <param name="Errors">The items that could not be rendered.</param>
public sealed record RenderedCr(
    string Description,
    string Uid,
    bool UidIsPlaceholder,
    SourceLocation Location,
    string Entry,
    IReadOnlyList<DesiredResource> Resources,
    IReadOnlyList<ResourceError> Errors);

/// <summary>A CR that cannot be rendered, or an item that failed, located in the CR file or the katalog.</summary>
/// <param name="Location">The CR, or the katalog field at fault.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record TemplateProblem(SourceLocation Location, string Message)
{
    /// <summary>The compiler's shape: <c>path(line,col): error: message</c>.</summary>
    public override string ToString() => Location + ": error: " + Message;
}
