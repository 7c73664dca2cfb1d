using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    // Merges the katalogs a Komposer imports from files, applies its spec.crds overrides, then resolves the result.
    private void Compose(KomposerDocument komposer)
    {
        var imports = komposer.Node["imports"] as YamlMapping;
        if (imports?["registry"] is YamlSequence registry)
        {
            foreach (var item in registry.Items)
            {
                var url = item is YamlMapping m ? m.GetString("url") : (item as YamlScalar)?.Value;
                Report(DiagnosticCatalog.RemoteImport, item.Location, "registry import", url ?? string.Empty);
            }
        }

        if (imports?["katalog"] is YamlMapping gitKatalogs)
        {
            foreach (var item in gitKatalogs.Entries)
            {
                Report(DiagnosticCatalog.RemoteImport, item.Key.Location, "katalog import", item.Name);
            }
        }

        var entries = new List<CrdEntry>();
        var byName = new Dictionary<string, CrdEntry>(StringComparer.Ordinal);
        var katalogs = new List<KatalogDocument>();
        if (imports?["files"] is YamlSequence files)
        {
            foreach (var item in files.Items.OfType<YamlScalar>().Where(s => !s.IsNull))
            {
                if (ExpandEnvironment(item) is not { } reference)
                {
                    continue;
                }

                if (reference.Contains("://"))
                {
                    Report(DiagnosticCatalog.RemoteImport, item.Location, "katalog", reference);
                    continue;
                }

                var path = DocumentPaths.Resolve(komposer.Path, reference);
                foreach (var raw in ReadFile(path, item.Location, "imports.files entry", reference))
                {
                    if (raw.Kind != DocumentKind.Katalog)
                    {
                        Report(DiagnosticCatalog.WrongImportKind, item.Location, reference, raw.Kind, "imports.files", "Katalog");
                        continue;
                    }

                    if (Build(raw, resolve: false) is not KatalogDocument katalog)
                    {
                        continue;
                    }

                    katalogs.Add(katalog);
                    foreach (var entry in katalog.Crds)
                    {
                        if (byName.TryGetValue(entry.Name, out var first))
                        {
                            Report(DiagnosticCatalog.DuplicateCrdName, entry.Key.Location, entry.Name, first.SourcePath, entry.SourcePath);
                            continue;
                        }

                        byName[entry.Name] = entry;
                        entries.Add(entry);
                    }
                }
            }
        }

        if ((komposer.Node["spec"] as YamlMapping)?["crds"] is YamlMapping overrides)
        {
            foreach (var item in overrides.Entries)
            {
                if (!byName.TryGetValue(item.Name, out var entry))
                {
                    var hint = byName.Count == 0
                        ? "; this Komposer imports no local katalog"
                        : Suggestions.Closest(item.Name, byName.Keys) is { } match
                            ? "; did you mean '" + match + "'?"
                            : "; rename it to one of the imported CRDs (" + string.Join(", ", byName.Keys) + ") or remove it";
                    if (imports?["registry"] is YamlSequence { Items.Count: > 0 } || imports?["katalog"] is YamlMapping)
                    {
                        // It may come from a registry import, which is not fetched here.
                        continue;
                    }

                    Report(DiagnosticCatalog.OverrideWithoutSource, item.Key.Location, item.Name, hint);
                    continue;
                }

                if (item.Value is YamlMapping values)
                {
                    DeepMerge(entry.Node, values);
                }
            }
        }

        foreach (var katalog in katalogs)
        {
            ExpandIncludes(katalog.Node["notes"] as YamlMapping, "notes", "notes", katalog.Path);
            ExpandIncludes(katalog.Node["profiles"] as YamlMapping, "profiles", "profiles", katalog.Path);
            ImportSharedMotifs(katalog);
        }

        foreach (var entry in entries)
        {
            ResolveEntry(entry);
        }

        CheckCrdSet(entries);
        komposer.Katalog = new KatalogDocument(komposer.Path, komposer.ApiVersion, komposer.Node, entries);
        foreach (var katalog in katalogs)
        {
            CheckTemplates(katalog);
        }

        komposer.Katalog.Templates = Parsed();
    }

    private string? ExpandEnvironment(YamlScalar item)
    {
        var value = item.Value;
        if (!value.StartsWith("$", StringComparison.Ordinal))
        {
            return value;
        }

        var name = value.Trim('$', '{', '}');
        if (_host.GetEnvironmentVariable(name) is { Length: > 0 } expanded)
        {
            return expanded;
        }

        Report(DiagnosticCatalog.InvalidValue, item.Location, "imports.files", value, "environment variable " + name + " is not set; set it, or write the katalog's path");
        return null;
    }

    // Override values win; mappings merge key by key, anything else is replaced.
    private static void DeepMerge(YamlMapping target, YamlMapping source)
    {
        foreach (var entry in source.Entries)
        {
            if (entry.Value is YamlMapping nested && target[entry.Name] is YamlMapping existing)
            {
                DeepMerge(existing, nested);
            }
            else
            {
                target.Set(entry.Key, entry.Value);
            }
        }
    }
}
