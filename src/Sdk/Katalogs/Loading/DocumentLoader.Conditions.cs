#if !ORKESTRA_GENERATOR
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    // Every when/or block of the entry goes through the condition engine's reader, which reports what the schema
    // cannot see: two operators in one condition, a between that is not "a,b", an invalid regex or cron expression.
    // Template syntax in conditions is left to CheckTemplates, which reports it with the katalog's own notes.
    partial void CheckConditions(CrdEntry entry)
    {
        var found = new List<Diagnostic>();
        Walk(entry.Node, "spec.crds." + entry.Name);
        // A condition shared through an alias is reported once, at its own location; so is a problem the schema
        // check already reported there (an unknown valueType, say).
        var reported = new HashSet<(string, SourceLocation)>(_diagnostics.Select(d => (d.Id, d.Location)));
        _diagnostics.AddRange(found
            .Where(d => d.Id != DiagnosticCatalog.TemplateSyntax.Id && reported.Add((d.Id, d.Location))));

        void Walk(YamlNode? node, string path)
        {
            switch (node)
            {
                case YamlMapping mapping when _conditionsWalked.Add(mapping):
                    foreach (var item in mapping.Entries)
                    {
                        var itemPath = ShapeContext.Join(path, item.Name);
                        if (item.Name is "when" or "or")
                        {
                            ConditionReader.Read(item.Value, itemPath, found, FunctionSet.Standard);
                        }
                        else
                        {
                            Walk(item.Value, itemPath);
                        }
                    }

                    break;
                case YamlSequence sequence when _conditionsWalked.Add(sequence):
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Walk(sequence.Items[i], path + "[" + i + "]");
                    }

                    break;
            }
        }
    }

    private readonly HashSet<YamlNode> _conditionsWalked = new();
}
#endif
