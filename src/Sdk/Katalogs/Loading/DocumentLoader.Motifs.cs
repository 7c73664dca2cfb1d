using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    private readonly Dictionary<string, MotifDocument?> _motifs = new(StringComparer.Ordinal);

    // One motif brought in by one import, with the motifs it imports itself first.
    private sealed record Contribution(MotifDocument Motif, YamlMapping? With);

    private void ExpandMotifs(CrdEntry entry)
    {
        var imports = new List<MotifImport>();
        imports.AddRange(ReadImports(entry.Node["imports"]));
        imports.AddRange(ReadImports(entry.Reconcile?["imports"]));
        entry.Imports = imports;
        if (imports.Count == 0)
        {
            return;
        }

        var contributions = new List<Contribution>();
        foreach (var import in imports)
        {
            Collect(import, entry.SourcePath, new List<string>(), contributions);
        }

        if (contributions.Count > 0)
        {
            entry.Motifs = contributions.Select(c => c.Motif).ToList();
            Merge(entry, contributions, imports[0].Location);
        }
    }

    private static IEnumerable<MotifImport> ReadImports(YamlNode? node)
    {
        if (node is not YamlSequence list)
        {
            yield break;
        }

        foreach (var item in list.Items.OfType<YamlMapping>())
        {
            if (item["motif"] is YamlScalar { IsNull: false } reference)
            {
                yield return new MotifImport(reference.Value, item["with"] as YamlMapping, reference.Location);
            }
        }
    }

    // Loads the motif an import names, checks the inputs passed, and adds it (after what it imports) to the list.
    private void Collect(MotifImport import, string fromFile, List<string> chain, List<Contribution> contributions)
    {
        if (DocumentPaths.IsRemote(import.Reference))
        {
            Report(DiagnosticCatalog.RemoteImport, import.Location, "motif", import.Reference);
            return;
        }

        var path = DocumentPaths.Resolve(fromFile, import.Reference);
        if (chain.Contains(path))
        {
            Report(DiagnosticCatalog.ImportCycle, import.Location, string.Join(" → ", chain.Concat(new[] { path })));
            return;
        }

        if (LoadMotif(path, import) is not { } motif)
        {
            return;
        }

        CheckInputs(motif, import);
        chain.Add(path);
        foreach (var nested in ReadImports(motif.Node["imports"]))
        {
            Collect(nested, path, chain, contributions);
        }

        chain.RemoveAt(chain.Count - 1);
        contributions.Add(new Contribution(motif, import.With));
    }

    private MotifDocument? LoadMotif(string path, MotifImport import)
    {
        if (_motifs.TryGetValue(path, out var cached))
        {
            return cached;
        }

        MotifDocument? motif = null;
        var documents = ReadFile(path, import.Location, "motif", import.Reference);
        if (documents.Count > 0)
        {
            var raw = documents[0];
            if (raw.Kind != DocumentKind.Motif)
            {
                Report(DiagnosticCatalog.WrongImportKind, import.Location, import.Reference, raw.Kind, "a motif import", "Motif");
            }
            else
            {
                motif = Build(raw, resolve: false) as MotifDocument;
            }
        }

        _motifs[path] = motif;
        return motif;
    }

    private void CheckInputs(MotifDocument motif, MotifImport import)
    {
        var declared = motif.Inputs.Select(i => i.Name).ToList();
        if (import.With is { } with)
        {
            foreach (var passed in with.Entries)
            {
                if (!declared.Contains(passed.Name))
                {
                    Report(
                        DiagnosticCatalog.UnknownMotifInput,
                        passed.Key.Location,
                        motif.Name,
                        passed.Name,
                        Suggestions.DidYouMean(passed.Name, declared),
                        declared.Count == 0 ? "(none)" : string.Join(", ", declared));
                }
            }
        }

        foreach (var input in motif.Inputs.Where(i => i.Required && i.Default is null))
        {
            if (import.With?[input.Name] is null or YamlScalar { IsNull: true })
            {
                Report(DiagnosticCatalog.MissingMotifInput, import.Location, motif.Name, input.Name);
            }
        }
    }

    // Merges motif contributions into the entry: motif resources come before the entry's own, in import order;
    // status fields and admission rules are appended; a name given by two motifs is an error.
    private void Merge(CrdEntry entry, List<Contribution> contributions, SourceLocation at)
    {
        var operatorBox = Child(entry.Node, "operatorBox", at);
        var reconcile = Child(operatorBox, "reconcile", at);
        var added = new Dictionary<string, List<YamlNode>>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new YamlMapping(at);
        var statusOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var statusInserted = 0;

        foreach (var contribution in contributions)
        {
            var motif = contribution.Motif;
            foreach (var input in motif.Inputs)
            {
                var value = contribution.With?[input.Name] ?? input.Default;
                if (value is not null)
                {
                    inputs.Set(new YamlScalar(at, input.Name, ScalarKind.String), value);
                }
            }

            if (motif.Node["resources"] is YamlMapping resources)
            {
                foreach (var block in resources.Entries)
                {
                    var set = block.Name is "onCreate" or "onDelete" ? block.Name : "onReconcile";
                    var items = block.Name is "onCreate" or "onDelete"
                        ? (block.Value as YamlMapping)?.Entries ?? (IReadOnlyList<YamlEntry>)Array.Empty<YamlEntry>()
                        : new[] { block };
                    foreach (var resource in items)
                    {
                        if (resource.Value is not YamlSequence list)
                        {
                            continue;
                        }

                        var key = set + "." + resource.Name;
                        if (!added.TryGetValue(key, out var collected))
                        {
                            added[key] = collected = new List<YamlNode>();
                        }

                        foreach (var item in list.Items)
                        {
                            if ((item as YamlMapping)?.GetString("name") is { } name)
                            {
                                var owner = key + "/" + name;
                                if (owners.TryGetValue(owner, out var other) && other != motif.Name)
                                {
                                    Report(DiagnosticCatalog.MotifClash, item.Location, $"{resource.Name} '{name}' is declared by motif '{other}' and by motif '{motif.Name}'; rename one of them");
                                }

                                owners[owner] = motif.Name;
                            }

                            collected.Add(item);
                        }
                    }
                }
            }

            if ((motif.Node["status"] as YamlMapping)?["fields"] is YamlSequence fields)
            {
                var emit = Child(operatorBox, "emit", at);
                PrependStatusFields(Child(emit, "status", at), fields, motif.Name, statusOwners, ref statusInserted);
            }

            if (motif.Node["admission"] is YamlMapping admission)
            {
                var target = Child(entry.Node, "admission", at);
                foreach (var kind in new[] { "validation", "mutation" })
                {
                    if ((admission[kind] as YamlMapping)?["rules"] is YamlSequence rules)
                    {
                        Append(Child(Child(target, kind, at), "rules", at, sequence: true), rules.Items);
                    }
                }
            }
        }

        foreach (var pair in added)
        {
            var dot = pair.Key.IndexOf('.');
            var set = Child(reconcile, pair.Key.Substring(0, dot), at);
            var resourceKey = pair.Key.Substring(dot + 1);
            var merged = new YamlSequence(at);
            foreach (var item in pair.Value)
            {
                merged.Add(item);
            }

            if (set[resourceKey] is YamlSequence own)
            {
                foreach (var item in own.Items)
                {
                    merged.Add(item);
                }
            }

            set.Set(new YamlScalar(at, resourceKey, ScalarKind.String), merged);
        }

        entry.Inputs = inputs;
    }

    // Motif status fields go before the katalog's own, so the katalog's win (fields apply in order, later wins).
    // A path may be written several times by one source (conditional fields), but two motifs writing the same path clash.
    private void PrependStatusFields(YamlMapping status, YamlSequence fields, string motif, Dictionary<string, string> owners, ref int inserted)
    {
        var target = (YamlSequence)Child(status, "fields", fields.Location, sequence: true);
        foreach (var field in fields.Items)
        {
            if ((field as YamlMapping)?.GetString("path") is { } path)
            {
                if (owners.TryGetValue(path, out var owner) && owner != motif)
                {
                    Report(DiagnosticCatalog.MotifClash, field.Location, $"status field '{path}' is written by motif '{owner}' and by motif '{motif}'; rename one, or write it in the katalog, which wins");
                    continue;
                }

                owners[path] = motif;
            }

            target.Insert(inserted++, field);
        }
    }

    private static void Append(YamlNode target, IReadOnlyList<YamlNode> items)
    {
        if (target is YamlSequence sequence)
        {
            foreach (var item in items)
            {
                sequence.Add(item);
            }
        }
    }

    // The mapping (or sequence) under key, created when absent.
    private static YamlMapping Child(YamlMapping parent, string key, SourceLocation at) => (YamlMapping)Child(parent, key, at, sequence: false);

    private static YamlNode Child(YamlMapping parent, string key, SourceLocation at, bool sequence)
    {
        var existing = parent[key];
        if (sequence ? existing is YamlSequence : existing is YamlMapping)
        {
            return existing!;
        }

        YamlNode created = sequence ? new YamlSequence(at) : new YamlMapping(at);
        parent.Set(new YamlScalar(at, key, ScalarKind.String), created);
        return created;
    }

    // spec.imports of a katalog: motifs whose notes and profiles every CRD shares.
    private void ImportSharedMotifs(KatalogDocument katalog)
    {
        var imports = ReadImports((katalog.Node["spec"] as YamlMapping)?["imports"]).ToList();
        var contributions = new List<Contribution>();
        foreach (var import in imports)
        {
            Collect(import, katalog.Path, new List<string>(), contributions);
        }

        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contribution in contributions)
        {
            var motif = contribution.Motif;
            if ((motif.Node["notes"] as YamlMapping)?["functions"] is YamlSequence functions)
            {
                foreach (var function in functions.Items.OfType<YamlMapping>())
                {
                    if (function.GetString("name") is { } name && notes.TryGetValue(name, out var other) && other != motif.Name)
                    {
                        Report(DiagnosticCatalog.MotifClash, function.Location, $"note '{name}' is defined by motif '{other}' and by motif '{motif.Name}'; rename one of them");
                    }
                    else if (function.GetString("name") is { } added)
                    {
                        notes[added] = motif.Name;
                    }
                }

                var own = Child(katalog.Node, "notes", motif.Location);
                Append(Child(own, "functions", motif.Location, sequence: true), functions.Items);
            }

            if (motif.Node["profiles"] is YamlMapping profiles)
            {
                var own = Child(katalog.Node, "profiles", motif.Location);
                foreach (var category in profiles.Entries.Where(c => c.Value is YamlMapping))
                {
                    var target = Child(own, category.Name, motif.Location);
                    foreach (var profile in ((YamlMapping)category.Value).Entries)
                    {
                        target.Add(profile); // the katalog's own profile of the same name wins
                    }
                }
            }
        }
    }
}
