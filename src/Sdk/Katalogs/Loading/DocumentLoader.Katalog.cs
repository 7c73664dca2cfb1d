using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    private void ResolveKatalog(KatalogDocument katalog)
    {
        ExpandIncludes(katalog.Node["notes"] as YamlMapping, "notes", "notes", katalog.Path);
        ExpandIncludes(katalog.Node["profiles"] as YamlMapping, "profiles", "profiles", katalog.Path);
        ImportSharedMotifs(katalog);
        foreach (var entry in katalog.Crds)
        {
            ResolveEntry(entry);
        }

        CheckCrdSet(katalog.Crds);
    }

    private void ResolveEntry(CrdEntry entry)
    {
        ResolveKind(entry);
        entry.DependsOn = ReadDependencies(entry.Node);
        CheckFileList(entry.Node, "crFiles", entry.SourcePath, "crFiles entry");
        ExpandIncludes(entry);
        ExpandMotifs(entry);
    }

    // apiTypes and crdFile: read the CRD, check that both agree, fill in what apiTypes leaves out.
    private void ResolveKind(CrdEntry entry)
    {
        var apiTypesNode = entry.Node["apiTypes"] as YamlMapping;
        CrdInfo? crd = null;
        if (entry.Node.Entry("crdFile") is { Value: YamlScalar { IsNull: false } crdFile })
        {
            crd = ReadCrd(entry, crdFile, apiTypesNode);
        }

        entry.Crd = crd;
        string? Declared(string key) => apiTypesNode?[key] is YamlScalar { IsNull: false } s ? s.Value : apiTypesNode?[key] is YamlScalar ? string.Empty : null;

        if (crd is not null)
        {
            Agree(entry, apiTypesNode, "group", crd.Group, crd);
            Agree(entry, apiTypesNode, "kind", crd.Kind, crd);
            Agree(entry, apiTypesNode, "plural", crd.Plural, crd);
            var version = Declared("version");
            if (version is not null && version.Length > 0 && !crd.Versions.Contains(version))
            {
                Report(
                    DiagnosticCatalog.ApiTypesMismatch,
                    apiTypesNode!["version"]!.Location,
                    "version",
                    version,
                    entry.CrdFile,
                    string.Join("', '", crd.Versions));
            }

            entry.ApiTypes = new ApiTypes(crd.Group, string.IsNullOrEmpty(version) ? crd.StorageVersion : version!, crd.Kind, crd.Plural);
        }
        else if (entry.Node["crdFile"] is null or YamlScalar { IsNull: true })
        {
            if (apiTypesNode is null)
            {
                if (entry.Enabled)
                {
                    Report(DiagnosticCatalog.MissingApiTypes, entry.Key.Location, entry.Name);
                }
            }
            else if (Declared("kind") is { Length: > 0 } builtInKind && BuiltInKinds.TryGet(builtInKind, out var builtIn, out var builtInNamespaced))
            {
                // A built-in kind: what apiTypes leaves out is filled in; what it declares must agree.
                foreach (var key in new[] { "group", "version", "plural" })
                {
                    var expected = key == "group" ? builtIn.Group : key == "version" ? builtIn.Version : builtIn.Plural;
                    if (Declared(key) is { } declared && declared != expected && !(key == "version" && declared.Length > 0))
                    {
                        Report(DiagnosticCatalog.InvalidValue, apiTypesNode[key]!.Location, "spec.crds." + entry.Name + ".apiTypes." + key, declared, $"the built-in kind {builtInKind} has {key} '{expected}'");
                    }
                }

                entry.ApiTypes = new ApiTypes(builtIn.Group, Declared("version") is { Length: > 0 } v ? v : builtIn.Version, builtIn.Kind, builtIn.Plural);
                entry.Namespaced = builtInNamespaced;
            }
            else
            {
                var missing = false;
                foreach (var key in new[] { "group", "version", "kind", "plural" })
                {
                    if (Declared(key) is null || (key != "group" && Declared(key)!.Length == 0))
                    {
                        missing = true;
                        Report(
                            DiagnosticCatalog.MissingField,
                            apiTypesNode.Location,
                            "spec.crds." + entry.Name + ".apiTypes",
                            key,
                            key == "group" ? "; add group: (\"\" for the core group) or a crdFile to infer it from" : "; add " + key + ": or a crdFile to infer it from");
                    }
                }

                if (!missing)
                {
                    entry.ApiTypes = new ApiTypes(Declared("group")!, Declared("version")!, Declared("kind")!, Declared("plural")!);
                }
            }
        }

        entry.Namespaced = entry.Node["namespaced"] is YamlScalar { Kind: ScalarKind.Bool } namespaced
            ? ScalarResolver.ToBool(namespaced.Value)
            : crd?.Namespaced ?? (entry.IsBuiltIn ? entry.Namespaced : true);
    }

    private void Agree(CrdEntry entry, YamlMapping? apiTypes, string key, string actual, CrdInfo crd)
    {
        if (apiTypes?[key] is YamlScalar { IsNull: false } declared && declared.Value != actual)
        {
            Report(DiagnosticCatalog.ApiTypesMismatch, declared.Location, key, declared.Value, entry.CrdFile, actual);
        }
    }

    private readonly Dictionary<string, YamlFile?> _crdFiles = new(StringComparer.Ordinal);

    private CrdInfo? ReadCrd(CrdEntry entry, YamlScalar crdFile, YamlMapping? apiTypes)
    {
        if (DocumentPaths.IsRemote(crdFile.Value) && crdFile.Value.Contains("://"))
        {
            Report(DiagnosticCatalog.RemoteImport, crdFile.Location, "crdFile", crdFile.Value);
            return null;
        }

        var path = DocumentPaths.Resolve(entry.SourcePath, crdFile.Value);
        if (!_crdFiles.TryGetValue(path, out var file))
        {
            // One CRD file may serve several entries (a file of several CRDs): it is read and parsed once, or not at
            // all when the host has its parse already.
            file = (_host as IParsedYamlHost)?.ReadParsed(path);
            if (file is null && _host.ReadAllText(path) is { } text)
            {
                file = YamlReader.Read(path, text);
            }

            _crdFiles[path] = file;
        }

        if (file is null)
        {
            Report(DiagnosticCatalog.FileNotFound, crdFile.Location, "crdFile", crdFile.Value, path);
            return null;
        }

        if (_reportedFiles.Add(path))
        {
            _diagnostics.AddRange(file.Diagnostics);
        }

        if (file.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Report(DiagnosticCatalog.InvalidCrdFile, crdFile.Location, crdFile.Value, "is not valid YAML; see the errors reported for " + path);
            return null;
        }

        var crds = file.Documents.OfType<YamlMapping>().Where(d => d.GetString("kind") == "CustomResourceDefinition").ToList();
        if (crds.Count == 0)
        {
            var kinds = file.Documents.OfType<YamlMapping>().Select(d => d.GetString("kind")).Where(k => k is not null).Distinct().ToList();
            Report(
                DiagnosticCatalog.InvalidCrdFile,
                crdFile.Location,
                crdFile.Value,
                "does not contain a CustomResourceDefinition" + (kinds.Count > 0 ? " (it contains " + string.Join(", ", kinds) + ")" : string.Empty) + "; point crdFile at the CRD's YAML");
            return null;
        }

        var wantedKind = apiTypes?.GetString("kind");
        var wantedGroup = apiTypes?.GetString("group");
        var candidates = crds.Where(c => Matches(c, wantedKind, wantedGroup)).ToList();
        if (candidates.Count == 0)
        {
            candidates = crds;
        }

        if (candidates.Count > 1)
        {
            // Several CRDs in one file: the one whose kind, singular or plural is the entry's key (dashes aside).
            var key = entry.Name.Replace("-", string.Empty).ToLowerInvariant();
            var named = candidates.Where(c => NamesOf(c).Contains(key)).ToList();
            if (named.Count == 1)
            {
                candidates = named;
            }
        }

        if (candidates.Count > 1)
        {
            Report(
                DiagnosticCatalog.InvalidCrdFile,
                crdFile.Location,
                crdFile.Value,
                $"contains {candidates.Count} CustomResourceDefinitions; add apiTypes.kind (and apiTypes.group) to say which one this entry serves");
            return null;
        }

        return ParseCrd(path, candidates[0], crdFile);
    }

    private static IEnumerable<string> NamesOf(YamlMapping crd)
    {
        var names = (crd["spec"] as YamlMapping)?["names"] as YamlMapping;
        foreach (var key in new[] { "kind", "singular", "plural" })
        {
            if (names?.GetString(key) is { } name)
            {
                yield return name.ToLowerInvariant();
            }
        }
    }

    private static bool Matches(YamlMapping crd, string? kind, string? group)
    {
        var spec = crd["spec"] as YamlMapping;
        var names = spec?["names"] as YamlMapping;
        return (kind is null || names?.GetString("kind") == kind) && (group is null || spec?.GetString("group") == group);
    }

    private CrdInfo? ParseCrd(string path, YamlMapping crd, YamlScalar crdFile)
    {
        var spec = crd["spec"] as YamlMapping;
        var names = spec?["names"] as YamlMapping;
        var group = spec?.GetString("group");
        var kind = names?.GetString("kind");
        var plural = names?.GetString("plural");
        var versions = new List<string>();
        string? storage = null;
        if (spec?["versions"] is YamlSequence list)
        {
            foreach (var item in list.Items.OfType<YamlMapping>())
            {
                if (item.GetString("name") is not { } name)
                {
                    continue;
                }

                var served = item["served"] is not YamlScalar { Kind: ScalarKind.Bool } s || ScalarResolver.ToBool(s.Value);
                var isStorage = item["storage"] is YamlScalar { Kind: ScalarKind.Bool } st && ScalarResolver.ToBool(st.Value);
                if (isStorage)
                {
                    storage = name;
                }

                if (served || isStorage)
                {
                    versions.Add(name);
                }
            }
        }
        else if (spec?.GetString("version") is { } single)
        {
            versions.Add(single);
            storage = single;
        }

        var missing = group is null ? "spec.group" : kind is null ? "spec.names.kind" : plural is null ? "spec.names.plural" : versions.Count == 0 ? "spec.versions" : null;
        if (missing is not null)
        {
            Report(DiagnosticCatalog.InvalidCrdFile, crdFile.Location, crdFile.Value, "is not a complete CustomResourceDefinition: " + missing + " is missing in " + path);
            return null;
        }

        storage ??= versions[0];
        versions.Remove(storage);
        versions.Insert(0, storage);
        var namespaced = spec!.GetString("scope") != "Cluster";
        return new CrdInfo(path, group!, kind!, plural!, versions, storage, namespaced, crd);
    }

    private static IReadOnlyList<CrdDependency> ReadDependencies(YamlMapping entry)
    {
        var dependencies = new List<CrdDependency>();
        switch (entry["dependsOn"])
        {
            case YamlSequence list:
                foreach (var item in list.Items.OfType<YamlScalar>().Where(i => !i.IsNull))
                {
                    dependencies.Add(new CrdDependency(item.Value, "started", item.Location));
                }

                break;
            case YamlMapping map:
                foreach (var item in map.Entries)
                {
                    var condition = item.Value switch
                    {
                        YamlScalar { IsNull: false } s => s.Value,
                        YamlMapping m => m.GetString("condition") ?? "started",
                        _ => "started",
                    };
                    dependencies.Add(new CrdDependency(item.Name, condition, item.Key.Location));
                }

                break;
        }

        return dependencies;
    }

    // Across the entries of one katalog (or of a composed set): unique kinds, dependencies that exist and form no cycle.
    private void CheckCrdSet(IReadOnlyList<CrdEntry> entries)
    {
        var byGvk = new Dictionary<string, CrdEntry>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Enabled && e.ApiTypes is not null))
        {
            var key = entry.ApiTypes!.ApiVersion + "/" + entry.ApiTypes.Kind;
            if (byGvk.TryGetValue(key, out var first))
            {
                Report(DiagnosticCatalog.DuplicateGvk, entry.Key.Location, entry.Name, entry.ApiTypes.ToString(), first.Name, first.Key.Location.Line);
            }
            else
            {
                byGvk[key] = entry;
            }
        }

        var byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var dependency in entry.DependsOn)
            {
                if (!byName.ContainsKey(dependency.Crd))
                {
                    Report(
                        DiagnosticCatalog.UnknownDependency,
                        dependency.Location,
                        entry.Name,
                        dependency.Crd,
                        Suggestions.Closest(dependency.Crd, byName.Keys) is { } match
                            ? "; did you mean '" + match + "'?"
                            : "; add a CRD entry named '" + dependency.Crd + "', or remove it from dependsOn");
                }
                else if (dependency.Crd == entry.Name)
                {
                    Report(DiagnosticCatalog.DependencyCycle, dependency.Location, entry.Name + " → " + entry.Name);
                }
            }
        }

        // Depth-first search; each cycle is reported once, at the dependency that closes it.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        void Visit(CrdEntry entry)
        {
            state[entry.Name] = 1;
            stack.Add(entry.Name);
            foreach (var dependency in entry.DependsOn)
            {
                if (dependency.Crd == entry.Name || !byName.TryGetValue(dependency.Crd, out var next))
                {
                    continue;
                }

                state.TryGetValue(next.Name, out var seen);
                if (seen == 1)
                {
                    var start = stack.IndexOf(next.Name);
                    var cycle = stack.Skip(start).Concat(new[] { next.Name });
                    Report(DiagnosticCatalog.DependencyCycle, dependency.Location, string.Join(" → ", cycle));
                }
                else if (seen == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[entry.Name] = 2;
        }

        foreach (var entry in entries)
        {
            if (!state.ContainsKey(entry.Name))
            {
                Visit(entry);
            }
        }
    }

    // Files named by a key (a string or a list of strings) must exist.
    private void CheckFileList(YamlMapping owner, string key, string fromFile, string what)
    {
        var node = owner[key];
        var items = node switch
        {
            YamlScalar { IsNull: false } single => new[] { single },
            YamlSequence list => list.Items.OfType<YamlScalar>().Where(s => !s.IsNull).ToArray(),
            _ => Array.Empty<YamlScalar>(),
        };
        foreach (var item in items)
        {
            if (DocumentPaths.IsRemote(item.Value) && item.Value.Contains("://"))
            {
                continue;
            }

            var path = DocumentPaths.Resolve(fromFile, item.Value);
            if (_host.ReadAllText(path) is null)
            {
                Report(DiagnosticCatalog.FileNotFound, item.Location, what, item.Value, path);
            }
        }
    }
}
