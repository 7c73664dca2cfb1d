using Orkestra.Diagnostics;
using Orkestra.Katalogs.Checking;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating.Syntax;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    // Template fields already parsed (a motif's nodes are shared by every entry that imports it), with their trees.
    private readonly Dictionary<YamlScalar, ParsedTemplate?> _templates = new();

    // Mappings and sequences already walked: aliases share nodes, and each is walked once.
    private readonly HashSet<YamlNode> _walked = new();

    /// <summary>The sentinels a reconcile gate may test; they are zero-argument functions in templates.</summary>
    private static readonly string[] Sentinels = { "generationChanged", "labelsChanged", "annotationsChanged" };

    // Parses every template field of a katalog (its entries after motif expansion, and its notes), so that template
    // errors, unknown functions included, are reported at load time at the field's location.
    private void CheckTemplates(KatalogDocument katalog)
    {
        var notes = NoteNames(katalog.Node);
        foreach (var entry in katalog.Crds)
        {
            // Inline notes win over a motif's; two motifs defining one name is an error.
            var names = new HashSet<string>(notes, StringComparer.Ordinal);
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var motif in entry.Motifs.Distinct())
            {
                foreach (var name in NoteNames(motif.Node))
                {
                    if (!notes.Contains(name) && owners.TryGetValue(name, out var other) && other != motif.Name)
                    {
                        Report(DiagnosticCatalog.MotifClash, entry.Key.Location, $"note '{name}' is defined by motif '{other}' and by motif '{motif.Name}'; rename one, or define it in the katalog, which wins");
                    }

                    owners[name] = motif.Name;
                    names.Add(name);
                }
            }

            CheckConditions(entry);

            bool IsFunction(string name) => names.Contains(name) || Array.IndexOf(Sentinels, name) >= 0 || NoteCatalog.Find(name) is not null;
            CheckTemplates(entry.Node, "spec.crds." + entry.Name, IsFunction);
        }

        CheckTemplates(katalog.Node["notes"], "notes", name => notes.Contains(name) || NoteCatalog.Find(name) is not null);
        CheckTemplates(katalog.Node["profiles"], "profiles", name => notes.Contains(name) || Array.IndexOf(Sentinels, name) >= 0 || NoteCatalog.Find(name) is not null);
        katalog.Templates = Parsed();
        _diagnostics.AddRange(TemplateChecks.Check(katalog));
    }

    private Dictionary<YamlScalar, ParsedTemplate> Parsed()
    {
        var parsed = new Dictionary<YamlScalar, ParsedTemplate>();
        foreach (var pair in _templates)
        {
            if (pair.Value is not null)
            {
                parsed[pair.Key] = pair.Value;
            }
        }

        return parsed;
    }

    // A motif on its own (ork validate motif.yaml): its templates, with its own notes.
    private void CheckTemplates(MotifDocument motif)
    {
        var notes = NoteNames(motif.Node);
        bool IsFunction(string name) => notes.Contains(name) || Array.IndexOf(Sentinels, name) >= 0 || NoteCatalog.Find(name) is not null;
        foreach (var key in new[] { "resources", "status", "admission", "notes", "profiles" })
        {
            CheckTemplates(motif.Node[key], key, IsFunction);
        }
    }

    // The notes a katalog or motif defines; a note named like a built-in one warns unless it says shadow: true.
    private HashSet<string> NoteNames(YamlMapping document)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if ((document["notes"] as YamlMapping)?["functions"] is YamlSequence functions)
        {
            foreach (var function in functions.Items.OfType<YamlMapping>())
            {
                if (function.Entry("name") is not { Value: YamlScalar { IsNull: false } name })
                {
                    continue;
                }

                names.Add(name.Value);
                var shadow = function["shadow"] is YamlScalar { Kind: ScalarKind.Bool } flag && ScalarResolver.ToBool(flag.Value);
                if (!shadow && NoteCatalog.Find(name.Value) is not null && _shadowReported.Add(name))
                {
                    Report(DiagnosticCatalog.NoteShadowsBuiltin, name.Location, name.Value);
                }
            }
        }

        return names;
    }

    private readonly HashSet<YamlScalar> _shadowReported = new();

    // Conditions (when/or) are checked by the condition engine where it is compiled (not in the source generator).
    partial void CheckConditions(CrdEntry entry);

    private void CheckTemplates(YamlNode? node, string path, Func<string, bool> isFunction)
    {
        if (node is YamlMapping or YamlSequence && !_walked.Add(node))
        {
            return;
        }

        switch (node)
        {
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    CheckTemplates(entry.Value, ShapeContext.Join(path, entry.Name), isFunction);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    CheckTemplates(sequence.Items[i], path + "[" + i + "]", isFunction);
                }

                break;
            case YamlScalar { Kind: ScalarKind.String } scalar when scalar.Value.IndexOf("{{", StringComparison.Ordinal) >= 0 && !_templates.ContainsKey(scalar):
                _templates[scalar] = null;
                try
                {
                    _templates[scalar] = TemplateParser.Parse(scalar.Value, isFunction);
                }
                catch (TemplateSyntaxException ex)
                {
                    var message = ex.Message;
                    if (message.StartsWith("function \"", StringComparison.Ordinal) && message.EndsWith("\" not defined", StringComparison.Ordinal))
                    {
                        var name = message.Substring(10, message.Length - 23);
                        message += Suggestions.DidYouMean(name, NoteCatalog.All.Select(n => n.Name));
                    }

                    Report(DiagnosticCatalog.TemplateSyntax, scalar.PositionOf(ex.Offset) ?? scalar.Location, path, message, ex.Line, ex.Column);
                }

                break;
        }
    }
}
