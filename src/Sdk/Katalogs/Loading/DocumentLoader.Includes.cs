using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

// include: fragments. A block that takes include (reconcile, status, validation, mutation, notes) names files whose
// content is merged under the inline block: inline keys win, mappings merge key by key, and a list from a fragment
// comes before the inline list (so included rules and status fields come first). Later files win over earlier
// ones. A fragment holds the block's keys, either at its top level or under the block's own key (reconcile: …).
// The include key is gone after expansion, so everything after the loader sees one merged block.
partial class DocumentLoader
{
    // Fragments read and checked so far, by file and block; copied on each use so no merge can change them.
    private readonly Dictionary<(string Path, string Key), YamlMapping?> _fragments = new();
    private readonly List<string> _including = new();

    private void ExpandIncludes(CrdEntry entry)
    {
        var path = "spec.crds." + entry.Name;
        var admission = entry.Node["admission"] as YamlMapping;
        ExpandIncludes(admission?["validation"] as YamlMapping, "validation", path + ".admission.validation", entry.SourcePath);
        ExpandIncludes(admission?["mutation"] as YamlMapping, "mutation", path + ".admission.mutation", entry.SourcePath);
        ExpandIncludes(entry.Reconcile, "reconcile", path + ".operatorBox.reconcile", entry.SourcePath);
        ExpandIncludes((entry.OperatorBox?["emit"] as YamlMapping)?["status"] as YamlMapping, "status", path + ".operatorBox.emit.status", entry.SourcePath);
    }

    // The blocks of a motif that take include.
    private void ExpandIncludes(MotifDocument motif)
    {
        var admission = motif.Node["admission"] as YamlMapping;
        ExpandIncludes(admission?["validation"] as YamlMapping, "validation", "admission.validation", motif.Path);
        ExpandIncludes(admission?["mutation"] as YamlMapping, "mutation", "admission.mutation", motif.Path);
        ExpandIncludes(motif.Node["status"] as YamlMapping, "status", "status", motif.Path);
        ExpandIncludes(motif.Node["notes"] as YamlMapping, "notes", "notes", motif.Path);
        ExpandIncludes(motif.Node["profiles"] as YamlMapping, "profiles", "profiles", motif.Path);
    }

    private void ExpandIncludes(YamlMapping? block, string key, string path, string fromFile)
    {
        if (block?.Remove("include") is not { } include)
        {
            return;
        }

        var items = include.Value switch
        {
            YamlScalar { IsNull: false } single => new[] { single },
            YamlSequence list => list.Items.OfType<YamlScalar>().Where(s => !s.IsNull).ToArray(),
            _ => Array.Empty<YamlScalar>(),
        };

        // The last file first, so that each earlier one goes under what is already there.
        for (var i = items.Length - 1; i >= 0; i--)
        {
            if (Fragment(items[i], key, path, fromFile) is { } fragment)
            {
                if (key == "profiles")
                {
                    AddProfiles(block, fragment, path);
                }
                else
                {
                    MergeUnder(block, (YamlMapping)Copy(fragment));
                }
            }
        }
    }

    private YamlMapping? Fragment(YamlScalar reference, string key, string path, string fromFile)
    {
        if (DocumentPaths.IsRemote(reference.Value) && reference.Value.Contains("://"))
        {
            Report(DiagnosticCatalog.RemoteImport, reference.Location, "include", reference.Value);
            return null;
        }

        var file = DocumentPaths.Resolve(fromFile, reference.Value);
        if (_including.Contains(file))
        {
            Report(DiagnosticCatalog.ImportCycle, reference.Location, string.Join(" -> ", _including.Append(file)));
            return null;
        }

        if (_fragments.TryGetValue((file, key), out var cached))
        {
            return cached;
        }

        YamlMapping? fragment = null;
        var text = _host.ReadAllText(file);
        if (text is null)
        {
            Report(DiagnosticCatalog.FileNotFound, reference.Location, "include", reference.Value, file);
        }
        else
        {
            var read = YamlReader.Read(file, text);
            if (_reportedFiles.Add(file))
            {
                _diagnostics.AddRange(read.Diagnostics);
            }

            if (!read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                fragment = Unwrap(read.Documents.FirstOrDefault(d => d is not YamlScalar { IsNull: true }), key, reference, file);
            }
        }

        if (fragment is not null && DocumentSchemas.Includable(key) is { } shape)
        {
            fragment = ShapeChecker.Check(fragment, shape, path, new ShapeContext(_diagnostics)) as YamlMapping;
            _including.Add(file);
            ExpandIncludes(fragment, key, path, file);
            _including.RemoveAt(_including.Count - 1);
        }

        _fragments[(file, key)] = fragment;
        return fragment;
    }

    // The block's keys: the document itself, or what it holds under the block's own key.
    private YamlMapping? Unwrap(YamlNode? document, string key, YamlScalar reference, string file)
    {
        if (document is not YamlMapping mapping)
        {
            Report(
                DiagnosticCatalog.InvalidValue,
                reference.Location,
                "include",
                reference.Value,
                $"'{file}' holds {document?.Describe() ?? "nothing"}; an include file holds a mapping of {key} keys, at its top level or under '{key}:'");
            return null;
        }

        if (mapping.Count == 1 && mapping.Entries[0] is { } only && (only.Name == key || (key == "reconcile" && only.Name == "reconciler")))
        {
            if (only.Value is YamlMapping inner)
            {
                return inner;
            }

            Report(DiagnosticCatalog.WrongType, only.Value.Location, only.Name, "a mapping", only.Value.Describe());
            return null;
        }

        return mapping;
    }

    // Profiles from a fragment come before the inline ones of their class; one name defined in both is an error.
    private void AddProfiles(YamlMapping block, YamlMapping fragment, string path)
    {
        foreach (var profileClass in fragment.Entries.Where(e => e.Value is YamlMapping))
        {
            var merged = new YamlMapping(profileClass.Value.Location);
            var inline = block[profileClass.Name] as YamlMapping;
            foreach (var profile in ((YamlMapping)profileClass.Value).Entries)
            {
                if (inline?.Contains(profile.Name) == true)
                {
                    Report(DiagnosticCatalog.DuplicateEntry, inline.Entry(profile.Name)!.Key.Location, $"{path}.{profileClass.Name}: profile '{profile.Name}' is defined here and in {profile.Key.Location.Path}; rename one");
                }

                merged.Add(profile);
            }

            foreach (var profile in inline?.Entries ?? Array.Empty<YamlEntry>())
            {
                merged.Add(profile);
            }

            block.Set(profileClass.Key, merged);
        }
    }

    // Puts what the fragment has under the block: the block's own scalars win, mappings merge, lists concatenate.
    private static void MergeUnder(YamlMapping block, YamlMapping fragment)
    {
        foreach (var entry in fragment.Entries)
        {
            switch (block[entry.Name], entry.Value)
            {
                case (null, var value):
                    block.Set(entry.Key, value);
                    break;
                case (YamlMapping inline, YamlMapping included):
                    MergeUnder(inline, included);
                    break;
                case (YamlSequence inline, YamlSequence included):
                    foreach (var item in inline.Items)
                    {
                        included.Add(item);
                    }

                    block.Set(entry.Key, included);
                    break;
                default:
                    break; // the inline value wins
            }
        }
    }

    // A fresh tree over the same scalars (scalars are never changed, so they can be shared).
    private static YamlNode Copy(YamlNode node)
    {
        switch (node)
        {
            case YamlMapping mapping:
                var map = new YamlMapping(mapping.Location);
                foreach (var entry in mapping.Entries)
                {
                    map.Add(new YamlEntry(entry.Key, Copy(entry.Value)));
                }

                return map;
            case YamlSequence sequence:
                var list = new YamlSequence(sequence.Location);
                foreach (var item in sequence.Items)
                {
                    list.Add(Copy(item));
                }

                return list;
            default:
                return node;
        }
    }
}
