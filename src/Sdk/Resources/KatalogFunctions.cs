using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;

namespace Orkestra.Resources;

/// <summary>The template functions a katalog's fields may call: the Notes library, the katalog's and its motifs' user notes, and the sentinels.</summary>
public static class KatalogFunctions
{
    /// <summary>The sentinels a katalog may call as zero-argument functions; each reads <c>.sentinels.&lt;name&gt;</c> of the data (false when absent).</summary>
    public static readonly IReadOnlyList<string> Sentinels = new[] { "generationChanged", "labelsChanged", "annotationsChanged" };

    /// <summary>
    /// The user notes of <paramref name="katalog"/> and of the motifs <paramref name="entry"/> imports (inline notes win
    /// over a motif's; the loader reports two motifs defining one name).
    /// </summary>
    public static IReadOnlyList<UserNote> UserNotesOf(KatalogDocument katalog, CrdEntry? entry) =>
        UserNotesOf(Sources(katalog, entry).Concat(entry is not null ? entry.Motifs.Select(m => m.Node) : katalog.Crds.SelectMany(c => c.Motifs).Select(m => m.Node)));

    /// <summary>The documents whose top-level notes and profiles an entry sees: its own katalog's (a Komposer imports it), then the composing document's.</summary>
    internal static IEnumerable<YamlMapping> Sources(KatalogDocument katalog, CrdEntry? entry)
    {
        if (entry?.SourceKatalog is { } own && !ReferenceEquals(own, katalog.Node))
        {
            yield return own;
        }

        yield return katalog.Node;
    }

    /// <summary>The user notes (<c>notes.functions</c>) of katalog or motif documents; the first definition of a name wins.</summary>
    public static IReadOnlyList<UserNote> UserNotesOf(IEnumerable<YamlMapping> documents)
    {
        var notes = new List<UserNote>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in documents)
        {
            if ((source["notes"] as YamlMapping)?["functions"] is not YamlSequence functions)
            {
                continue;
            }

            foreach (var function in functions.Items.OfType<YamlMapping>())
            {
                if (function.GetString("name") is { } name && function.GetString("expression") is { } expression && seen.Add(name))
                {
                    notes.Add(new UserNote(name, expression, function.GetString("description")));
                }
            }
        }

        return notes;
    }

    /// <summary>
    /// The functions <paramref name="entry"/>'s templates may call; throws
    /// <see cref="Templating.Syntax.TemplateSyntaxException"/> when a user note does not parse (the loader reports it first).
    /// </summary>
    public static FunctionSet For(KatalogDocument katalog, CrdEntry? entry)
    {
        var sentinels = Sentinels.Select(name => new TemplateFunction(name, 0, 0, call => ReadSentinel(call.Root, name)));
        return UserNotes.Add(FunctionSet.Standard.With(sentinels), UserNotesOf(katalog, entry));
    }

    private static object ReadSentinel(object? root, string name) =>
        root is IReadOnlyDictionary<string, object?> data
        && data.TryGetValue("sentinels", out var sentinels)
        && sentinels is IReadOnlyDictionary<string, object?> values
        && values.TryGetValue(name, out var value)
        && value is true;
}
