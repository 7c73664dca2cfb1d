using System.Text;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;
using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;
using NoteLibrary = Orkestra.Templating.Notes;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>
/// <see cref="NoteCatalog"/> is the one source of truth: every entry has an implementation of the same arity (and
/// every implementation an entry), every example renders to its documented output, and docs/notes.md is generated
/// from it (set ORKESTRA_UPDATE_DOCS=1 to regenerate).
/// </summary>
public class NoteCatalogTests
{
    private static readonly string DocsPath = Path.Combine(FindRepoRoot(), "docs", "notes.md");

    [Fact]
    public void Names_are_unique_and_signatures_start_with_the_name()
    {
        var duplicates = NoteCatalog.All.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
        Assert.All(NoteCatalog.All, n => Assert.True(n.Signature == n.Name || n.Signature.StartsWith(n.Name + " ", StringComparison.Ordinal), n.Name + ": " + n.Signature));
        Assert.All(NoteCatalog.All, n => Assert.False(string.IsNullOrWhiteSpace(n.Description), n.Name));
        Assert.All(NoteCatalog.All, n => Assert.Contains(n.Name, n.Example, StringComparison.Ordinal));
    }

    [Fact]
    public void Find_returns_the_entry_or_null()
    {
        Assert.Equal("conditional", NoteCatalog.Find("default")?.Domain);
        Assert.Equal("builtin", NoteCatalog.Find("printf")?.Domain);
        Assert.Equal("types", NoteCatalog.Find("len")?.Domain);
        Assert.Null(NoteCatalog.Find("noSuchNote"));
        Assert.Null(NoteCatalog.Find("Default"));
    }

    [Fact]
    public void Every_note_in_the_catalog_is_implemented_and_every_implementation_is_in_the_catalog()
    {
        var catalogued = NoteCatalog.All.Where(n => !n.IsBuiltin).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var implemented = NoteLibrary.Implementations.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(catalogued.Except(implemented));
        Assert.Empty(implemented.Except(catalogued));
        Assert.Equal(catalogued.Count, NoteLibrary.Functions.Count);
    }

    [Fact]
    public void Functions_take_their_arity_from_the_catalog()
    {
        foreach (var function in NoteLibrary.Functions)
        {
            var info = NoteCatalog.Find(function.Name)!;
            Assert.Equal((info.MinArguments, info.MaxArguments), (function.MinArguments, function.MaxArguments));
        }
    }

    [Fact]
    public void Builtin_entries_match_go_builtins()
    {
        var builtins = NoteCatalog.All.Where(n => n.IsBuiltin).ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var function in Builtins.All)
        {
            if (function.Name == "len")
            {
                // The types note replaces Go's len; the catalogue lists the note.
                Assert.False(NoteCatalog.Find("len")!.IsBuiltin);
                continue;
            }

            Assert.True(builtins.TryGetValue(function.Name, out var info), function.Name + " is not in the catalogue");
            Assert.Equal((function.MinArguments, function.MaxArguments), (info!.MinArguments, info.MaxArguments));
        }

        Assert.Equal(Builtins.All.Length - 1, builtins.Count);
    }

    [Fact]
    public void Standard_is_builtins_plus_notes()
    {
        foreach (var info in NoteCatalog.All)
        {
            Assert.True(FunctionSet.Standard.TryGet(info.Name, out var function), info.Name);
            Assert.Equal((info.MinArguments, info.MaxArguments), (function.MinArguments, function.MaxArguments));
        }

        Assert.True(FunctionSet.Builtins.TryGet("len", out var goLen));
        Assert.True(FunctionSet.Standard.TryGet("len", out var noteLen));
        Assert.NotSame(goLen, noteLen);
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var info in NoteCatalog.All)
        {
            data.Add(info.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_render_to_their_documented_output(string name)
    {
        var info = NoteCatalog.Find(name)!;
        Assert.Equal(info.Output, Render(info.Example, NoteCatalog.ExampleData));
    }

    [Fact]
    public void Docs_are_generated_from_the_catalogue()
    {
        var expected = NotesMarkdown.Generate();
        if (Environment.GetEnvironmentVariable("ORKESTRA_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocsPath, expected);
        }

        Assert.True(File.Exists(DocsPath), "docs/notes.md is missing; run the tests with ORKESTRA_UPDATE_DOCS=1");
        var actual = File.ReadAllText(DocsPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(
            actual == expected,
            "docs/notes.md is out of date with NoteCatalog; run: ORKESTRA_UPDATE_DOCS=1 dotnet test tests/Orkestra.Sdk.Tests --filter FullyQualifiedName~NoteCatalogTests");
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orkestra.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>docs/notes.md, generated from <see cref="NoteCatalog"/>.</summary>
internal static class NotesMarkdown
{
    public static string Generate()
    {
        var md = new StringBuilder();
        md.Append("# Template functions (notes)\n\n");
        md.Append("<!-- Generated from src/Sdk/Templating/Syntax/NoteCatalog.cs; do not edit. To regenerate: ");
        md.Append("ORKESTRA_UPDATE_DOCS=1 dotnet test tests/Orkestra.Sdk.Tests --filter FullyQualifiedName~NoteCatalogTests -->\n\n");
        md.Append("Katalog templates are Go `text/template` with upstream Orkestra's function library, the *notes* ");
        md.Append("(`pkg/note`), plus Go's built-in functions. Notes are pure and nil-safe: a missing field reads as the ");
        md.Append("zero value of what the note expects, and a wrong type fails the template with ");
        md.Append("`error calling NAME: …`. A piped value is the last argument, so `{{ .x | default \"y\" }}` is ");
        md.Append("`default \"y\" .x`.\n\n");
        md.Append("Every example below renders to the output shown against the [example data](#example-data), with ");
        md.Append("the clock at `").Append(NoteCatalog.ExampleNow).Append("` (a Thursday). The tests check that they do.\n\n");

        md.Append("| Domain | Functions |\n|---|---|\n");
        foreach (var domain in NoteCatalog.Domains)
        {
            var names = NoteCatalog.All.Where(n => n.Domain == domain).Select(n => "`" + n.Name + "`");
            md.Append("| [").Append(domain).Append("](#").Append(domain).Append(") | ").Append(string.Join(" ", names)).Append(" |\n");
        }

        foreach (var domain in NoteCatalog.Domains)
        {
            md.Append("\n## ").Append(domain).Append('\n');
            foreach (var note in NoteCatalog.All.Where(n => n.Domain == domain))
            {
                md.Append("\n### ").Append(note.Name).Append("\n\n");
                md.Append('`').Append(note.Signature).Append("` — ").Append(note.Description).Append("\n\n");
                md.Append("```\n").Append(note.Example).Append("\n→ ").Append(note.Output).Append("\n```\n");
            }
        }

        md.Append("\n## Example data\n\n```json\n").Append(NoteCatalog.ExampleData.Trim()).Append("\n```\n");
        return md.ToString();
    }
}
