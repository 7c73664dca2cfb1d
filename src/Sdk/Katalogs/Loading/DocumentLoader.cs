using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

/// <summary>
/// Loads Orkestra documents (Katalog, Motif, Komposer, Simulate, E2E): reads the YAML with locations, checks it
/// against the schema (older spellings are moved to the current layout with a warning), builds the model, and resolves
/// what the documents reference — CRD files, motifs (expanded into the CRD entries that import them), the katalogs a
/// Komposer composes — reporting every problem as a located diagnostic. It never throws on bad input.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed partial class DocumentLoader
{
    /// <summary>The current apiVersion.</summary>
    public const string ApiVersion = "orkestra.orkspace.io/v1";

    /// <summary>The older apiVersion, accepted with a warning.</summary>
    public const string LegacyApiVersion = "orkestra.konductor.io/v1Alpha";

    private static readonly string[] Kinds = { "Katalog", "Motif", "Komposer", "Simulate", "E2E" };

    private readonly IDocumentHost _host;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly HashSet<string> _reportedFiles = new(StringComparer.Ordinal);

    private DocumentLoader(IDocumentHost host) => _host = host;

    /// <summary>Loads every document of <paramref name="path"/> and what they reference.</summary>
    public static LoadResult Load(string path, IDocumentHost host)
    {
        var loader = new DocumentLoader(host);
        var documents = new List<OrkestraDocument>();
        try
        {
            foreach (var document in loader.ReadFile(path, location: null, what: "file"))
            {
                if (loader.Build(document, resolve: true) is { } built)
                {
                    documents.Add(built);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            loader._diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InternalError, SourceLocation.File(path), ex.GetType().Name + ": " + ex.Message));
        }

        return new LoadResult(documents, loader._diagnostics);
    }

    private sealed record RawDocument(string Path, YamlMapping Root, string ApiVersion, DocumentKind Kind);

    private void Report(DiagnosticRule rule, SourceLocation location, params object?[] args) =>
        _diagnostics.Add(Diagnostic.Create(rule, location, args));

    // Reads a file's Orkestra documents; reports its syntax problems once, however often it is read.
    private List<RawDocument> ReadFile(string path, SourceLocation? location, string what, string? reference = null)
    {
        var documents = new List<RawDocument>();
        var text = _host.ReadAllText(path);
        if (text is null)
        {
            Report(DiagnosticCatalog.FileNotFound, location ?? SourceLocation.File(path), what, reference ?? path, path);
            return documents;
        }

        var firstRead = _reportedFiles.Add(path);
        var file = YamlReader.Read(path, text);
        if (firstRead)
        {
            _diagnostics.AddRange(file.Diagnostics);
        }

        if (file.Documents.Count == 0)
        {
            if (file.Diagnostics.Count == 0 && firstRead)
            {
                Report(DiagnosticCatalog.EmptyDocument, SourceLocation.File(path));
            }

            return documents;
        }

        if (file.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // A file that does not read cleanly is not checked further: the syntax error is what to fix first.
            return documents;
        }

        foreach (var root in file.Documents)
        {
            if (root is YamlScalar { IsNull: true } && file.Documents.Count > 1)
            {
                continue; // an empty document between two "---" separators
            }

            if (Envelope(root, path, firstRead) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    private RawDocument? Envelope(YamlNode root, string path, bool report)
    {
        var diagnostics = report ? _diagnostics : new List<Diagnostic>();
        void Fail(DiagnosticRule rule, SourceLocation location, params object?[] args) => diagnostics.Add(Diagnostic.Create(rule, location, args));

        if (root is not YamlMapping mapping)
        {
            Fail(
                root is YamlScalar { IsNull: true } ? DiagnosticCatalog.EmptyDocument : DiagnosticCatalog.NotAnOrkestraDocument,
                root.Location,
                "the document must be a mapping with apiVersion and kind, but is " + root.Describe());
            return null;
        }

        var apiVersionNode = mapping["apiVersion"];
        var kindNode = mapping["kind"];
        if (apiVersionNode is not YamlScalar { IsNull: false } apiVersion)
        {
            Fail(DiagnosticCatalog.NotAnOrkestraDocument, apiVersionNode?.Location ?? mapping.Location, "apiVersion is missing; add apiVersion: " + ApiVersion);
            return null;
        }

        if (kindNode is not YamlScalar { IsNull: false } kind)
        {
            Fail(DiagnosticCatalog.NotAnOrkestraDocument, kindNode?.Location ?? mapping.Location, "kind is missing; add kind: Katalog (or Motif, Komposer, Simulate, E2E)");
            return null;
        }

        var index = Array.IndexOf(Kinds, kind.Value);
        if (index < 0)
        {
            var hint = apiVersion.Value is ApiVersion or LegacyApiVersion
                ? Suggestions.DidYouMean(kind.Value, Kinds)
                : "; this is a Kubernetes object, not an Orkestra document";
            Fail(DiagnosticCatalog.UnknownKind, kind.Location, kind.Value, hint);
            return null;
        }

        if (apiVersion.Value == LegacyApiVersion)
        {
            Fail(DiagnosticCatalog.DeprecatedApiVersion, apiVersion.Location);
        }
        else if (apiVersion.Value != ApiVersion)
        {
            Fail(DiagnosticCatalog.UnknownApiVersion, apiVersion.Location, apiVersion.Value);
            return null;
        }

        return new RawDocument(path, mapping, apiVersion.Value, (DocumentKind)index);
    }

    // Checks the document against its schema and builds its model; with resolve, also what it references.
    private OrkestraDocument? Build(RawDocument raw, bool resolve)
    {
        var shape = raw.Kind switch
        {
            DocumentKind.Katalog => DocumentSchemas.Katalog,
            DocumentKind.Motif => DocumentSchemas.Motif,
            DocumentKind.Komposer => DocumentSchemas.Komposer,
            DocumentKind.Simulate => DocumentSchemas.Simulate,
            _ => DocumentSchemas.E2E,
        };

        if (ShapeChecker.Check(raw.Root, shape, string.Empty, new ShapeContext(_diagnostics)) is not YamlMapping node)
        {
            return null;
        }

        switch (raw.Kind)
        {
            case DocumentKind.Katalog:
                var katalog = new KatalogDocument(raw.Path, raw.ApiVersion, node, ReadCrdEntries(node, raw.Path));
                CheckLifecycle(node);
                if (resolve)
                {
                    ResolveKatalog(katalog);
                    CheckTemplates(katalog);
                }

                return katalog;
            case DocumentKind.Motif:
                CheckLifecycle(node);
                var motif = new MotifDocument(raw.Path, raw.ApiVersion, node, ReadInputs(node));
                ExpandIncludes(motif);
                if (resolve)
                {
                    CheckTemplates(motif);
                }

                return motif;
            case DocumentKind.Komposer:
                var komposer = new KomposerDocument(raw.Path, raw.ApiVersion, node);
                CheckLifecycle(node);
                if (resolve)
                {
                    Compose(komposer);
                }

                return komposer;
            default:
                return CheckTest(raw.Kind, raw.Path, raw.ApiVersion, node);
        }
    }

    private static List<CrdEntry> ReadCrdEntries(YamlMapping document, string path)
    {
        var entries = new List<CrdEntry>();
        if ((document["spec"] as YamlMapping)?["crds"] is YamlMapping crds)
        {
            foreach (var entry in crds.Entries.ToArray()) // a copy: an empty entry is replaced below
            {
                if (entry.Value is YamlMapping node)
                {
                    entries.Add(new CrdEntry(entry.Name, entry.Key, node, path) { SourceKatalog = document });
                }
                else if (entry.Value is YamlScalar { IsNull: true })
                {
                    // "website:" with nothing under it: an entry with no settings (reported as missing apiTypes).
                    var empty = new YamlMapping(entry.Key.Location);
                    crds.Set(entry.Key, empty);
                    entries.Add(new CrdEntry(entry.Name, entry.Key, empty, path) { SourceKatalog = document });
                }
            }
        }

        return entries;
    }

    private static List<MotifInput> ReadInputs(YamlMapping motif)
    {
        var inputs = new List<MotifInput>();
        if (motif["inputs"] is YamlSequence list)
        {
            foreach (var item in list.Items)
            {
                if (item is YamlMapping input && input.GetString("name") is { } name)
                {
                    var required = input["required"] is YamlScalar { Kind: ScalarKind.Bool } r && ScalarResolver.ToBool(r.Value);
                    var fallback = input["default"] is YamlScalar { IsNull: true } ? null : input["default"];
                    inputs.Add(new MotifInput(name, required, fallback));
                }
            }
        }

        return inputs;
    }

    // metadata.deprecation and lifecycle.deprecation: the timeline must run forwards.
    private void CheckLifecycle(YamlMapping document)
    {
        foreach (var owner in new[] { document["metadata"], document["lifecycle"] })
        {
            if ((owner as YamlMapping)?["deprecation"] is YamlMapping deprecation &&
                deprecation["timeline"] is YamlMapping timeline &&
                timeline["from"] is YamlScalar { IsNull: false } from &&
                timeline["to"] is YamlScalar { IsNull: false } to &&
                ShapeChecker.TryParseDate(from.Value, out var fromDate) &&
                ShapeChecker.TryParseDate(to.Value, out var toDate) &&
                fromDate >= toDate)
            {
                Report(
                    DiagnosticCatalog.InvalidDate,
                    to.Location,
                    $"deprecation.timeline.to ({to.Value}) must be after timeline.from ({from.Value}); the end of life comes after the deprecation starts");
            }
        }
    }
}
