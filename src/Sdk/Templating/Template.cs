using System.Text;
using Orkestra.Templating.Syntax;

namespace Orkestra.Templating;

/// <summary>
/// A parsed Go template, ready to execute any number of times (it is immutable and thread-safe). Execution follows
/// Go's <c>text/template</c> with <c>missingkey=zero</c>: the data is the JSON model of an object (see
/// <see cref="GoValues"/>), and values print, compare and fail as Go's do.
/// </summary>
public sealed class Template
{
    /// <summary>The deepest nesting of <c>{{template}}</c> calls before execution stops with an error.</summary>
    public const int MaxDepth = 200;

    private Template(string name, ParsedTemplate syntax, FunctionSet functions)
    {
        Name = name;
        Syntax = syntax;
        Functions = functions;
    }

    /// <summary>The template's name (other templates can invoke it by this name).</summary>
    public string Name { get; }

    /// <summary>The syntax tree.</summary>
    public ParsedTemplate Syntax { get; }

    /// <summary>The functions the template may call.</summary>
    public FunctionSet Functions { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TemplateSyntaxException"/> when it does not parse.</summary>
    public static Template Parse(string text, FunctionSet? functions = null, string name = "")
    {
        functions ??= FunctionSet.Builtins;
        return new Template(name, TemplateParser.Parse(text, functions.Contains, name), functions);
    }

    /// <summary>A template over a tree parsed earlier (for instance when its katalog loaded).</summary>
    public static Template FromSyntax(ParsedTemplate syntax, FunctionSet functions, string name = "") => new(name, syntax, functions);

    /// <summary>Executes the template with <paramref name="data"/> as dot; throws <see cref="TemplateExecutionException"/>.</summary>
    public string Execute(object? data, TemplateServices? services = null)
    {
        var output = new StringBuilder();
        Execute(data, output, services);
        return output.ToString();
    }

    /// <summary>Executes the template, appending to <paramref name="output"/>.</summary>
    public void Execute(object? data, StringBuilder output, TemplateServices? services = null) =>
        new Evaluator(this, output, data, services ?? TemplateServices.Default).Run();

    internal ListNode? Lookup(string name) =>
        Syntax.Definitions.TryGetValue(name, out var list) ? list : name == Name ? Syntax.Root : null;
}
