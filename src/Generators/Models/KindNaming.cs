using Orkestra.Katalogs.Yaml;

namespace Orkestra.Generators.Models;

/// <summary>
/// Gives each CRD kind of a project its class name. Models of every CRD share one namespace, so a kind served by two
/// groups (a <c>Certificate</c> of two projects) would define one class twice: the group first in ordinal order keeps
/// the plain name, each other takes its group's first label as a prefix (<c>ExampleCertificate</c>), made unique.
/// </summary>
internal static class KindNaming
{
    /// <summary>The (group, kind) of every CustomResourceDefinition in a parsed file.</summary>
    public static IEnumerable<(string Group, string Kind)> KindsOf(YamlFile file)
    {
        foreach (var document in file.Documents.OfType<YamlMapping>())
        {
            var spec = document["spec"] as YamlMapping;
            if (document.GetString("kind") == "CustomResourceDefinition"
                && spec?.GetString("group") is { } group
                && (spec["names"] as YamlMapping)?.GetString("kind") is { } kind)
            {
                yield return (group, kind);
            }
        }
    }

    /// <summary>The kinds that do not keep their plain class name, with the name they take instead.</summary>
    public static EquatableArray<KindName> Assign(IEnumerable<(string Group, string Kind)> kinds)
    {
        var distinct = kinds.Distinct().OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Group, StringComparer.Ordinal).ToList();
        var taken = new HashSet<string>(distinct.Select(k => Naming.Identifier(k.Kind, "Resource")), StringComparer.Ordinal);
        var renamed = new List<KindName>();
        foreach (var sameName in distinct.GroupBy(k => Naming.Identifier(k.Kind, "Resource")))
        {
            var keptBy = sameName.First().Group;
            foreach (var (group, kind) in sameName.Skip(1))
            {
                var label = group.Split('.')[0];
                renamed.Add(new KindName(group, kind, Naming.Unique(Naming.Identifier(label, "Group") + sameName.Key, taken), keptBy));
            }
        }

        return renamed.ToEquatableArray();
    }
}
