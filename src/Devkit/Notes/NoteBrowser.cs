using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;

namespace Orkestra.Devkit.Notes;

/// <summary>The result of <c>ork notes eval</c>: the rendered output, or what went wrong.</summary>
/// <param name="Output">The rendered field, when it rendered.</param>
/// <param name="Error">The error, located, when it did not.</param>
public sealed record EvalResult(string? Output, string? Error);

/// <summary>The logic behind <c>ork notes</c>: browsing the note catalogue, and rendering a template as a katalog field.</summary>
public static class NoteBrowser
{
    /// <summary>The domain user notes are listed under.</summary>
    public const string UserDomain = "user";

    /// <summary>Every note (and Go built-in), optionally of one domain, followed by <paramref name="userNotes"/>.</summary>
    public static IReadOnlyList<NoteInfo> List(string? domain, IReadOnlyList<UserNote> userNotes)
    {
        var user = userNotes.Select(n => new NoteInfo(n.Name, UserDomain, 0, 0, n.Name, n.Description ?? string.Empty, n.Expression, string.Empty));
        return NoteCatalog.All
            .OrderBy(n => n.Domain, StringComparer.Ordinal)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Concat(user)
            .Where(n => domain is null || string.Equals(n.Domain, domain, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>Notes whose name, description, signature or example contain <paramref name="term"/> (case-insensitive).</summary>
    public static IReadOnlyList<NoteInfo> Search(string term) => NoteCatalog.All
        .Where(n => new[] { n.Name, n.Description, n.Signature, n.Example }.Any(text => text.Contains(term, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(n => n.Name.Contains(term, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
        .ThenBy(n => n.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The domains, with how many notes each has.</summary>
    public static IReadOnlyList<(string Domain, int Count)> Domains() => NoteCatalog.All
        .GroupBy(n => n.Domain, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count()))
        .ToList();

    /// <summary>The closest note names to <paramref name="name"/>, for "did you mean".</summary>
    public static IReadOnlyList<string> Similar(string name) => NoteCatalog.All
        .Select(n => n.Name)
        .Where(n => n.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(n, StringComparison.OrdinalIgnoreCase) || Suggestions.Distance(n.ToLowerInvariant(), name.ToLowerInvariant()) <= 2)
        .Take(5)
        .ToList();

    /// <summary>The user notes of a katalog or komposer (and of the motifs it imports), with any problem loading it.</summary>
    public static (IReadOnlyList<UserNote> Notes, IReadOnlyList<Diagnostic> Diagnostics) ReadUserNotes(string path)
    {
        var result = DocumentLoader.Load(path, PhysicalDocumentHost.Instance);
        var sources = new List<YamlMapping>();
        foreach (var document in result.Documents)
        {
            if ((document as KatalogDocument ?? (document as KomposerDocument)?.Katalog) is { } katalog)
            {
                sources.Add(katalog.Node);
                sources.AddRange(katalog.Crds.SelectMany(c => c.Motifs).Select(m => m.Node));
            }
            else if (document is MotifDocument motif)
            {
                sources.Add(motif.Node);
            }
        }

        var notes = KatalogFunctions.UserNotesOf(sources);
        return (notes, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
    }

    /// <summary>
    /// Renders <paramref name="template"/> as a katalog field against the object in <paramref name="dataPath"/> (JSON,
    /// or YAML read the way kubectl reads it), with the user notes of <paramref name="katalogPath"/> when given.
    /// </summary>
    public static EvalResult Eval(string template, string dataPath, string? katalogPath, TemplateServices? services = null)
    {
        var text = PhysicalDocumentHost.Instance.ReadAllText(dataPath);
        if (text is null)
        {
            return new EvalResult(null, $"{dataPath}: no such file");
        }

        var data = YamlReader.Read(dataPath, text);
        if (data.Diagnostics.Count > 0)
        {
            return new EvalResult(null, string.Join(Environment.NewLine, data.Diagnostics));
        }

        var functions = FunctionSet.Standard;
        if (katalogPath is not null)
        {
            var (notes, problems) = ReadUserNotes(katalogPath);
            if (problems.Count > 0)
            {
                return new EvalResult(null, string.Join(Environment.NewLine, problems));
            }

            try
            {
                functions = UserNotes.Add(functions, notes);
            }
            catch (TemplateSyntaxException ex)
            {
                return new EvalResult(null, $"{katalogPath}: a note does not parse: {ex.Message}");
            }
        }

        try
        {
            var field = FieldTemplate.Parse(template, functions);
            return new EvalResult(field.Render(data.Documents.Count > 0 ? YamlValues.ToData(data.Documents[0]) : null, services), null);
        }
        catch (TemplateSyntaxException ex)
        {
            return new EvalResult(null, $"template:{ex.Line}:{ex.Column}: {ex.Message}");
        }
        catch (TemplateExecutionException ex)
        {
            var (line, column) = TemplateSyntaxException.PositionOf(template, ex.Offset);
            return new EvalResult(null, $"template:{line}:{column}: {ex.Message}");
        }
    }
}
