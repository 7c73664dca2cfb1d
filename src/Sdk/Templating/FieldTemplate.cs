namespace Orkestra.Templating;

/// <summary>
/// A katalog field as upstream Orkestra renders it: a string containing <c>{{</c> is a Go template, parsed once; the
/// output is trimmed, then every literal <c>&lt;no value&gt;</c> is removed (upstream's order). Any other string is
/// a literal and is returned as it is.
/// </summary>
public sealed class FieldTemplate
{
    private readonly Template? _template;

    private FieldTemplate(string text, Template? template, string field)
    {
        Text = text;
        _template = template;
        Field = field;
    }

    /// <summary>The field's text as written.</summary>
    public string Text { get; }

    /// <summary>Which field this is (its path in the katalog), for error messages; may be empty.</summary>
    public string Field { get; }

    /// <summary>Whether the field is a template (contains <c>{{</c>).</summary>
    public bool IsTemplate => _template is not null;

    /// <summary>Whether <paramref name="text"/> is a template.</summary>
    public static bool IsTemplateText(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>
    /// Parses the field at path <paramref name="field"/>; throws <see cref="Syntax.TemplateSyntaxException"/> when it is
    /// a template that does not parse.
    /// </summary>
    public static FieldTemplate Parse(string text, FunctionSet? functions = null, string field = "") =>
        new(text, IsTemplateText(text) ? Template.Parse(text, functions, field) : null, field);

    /// <summary>The field over a tree parsed when its katalog loaded (see <c>KatalogDocument.Templates</c>).</summary>
    public static FieldTemplate FromSyntax(Syntax.ParsedTemplate syntax, FunctionSet functions, string field = "") =>
        new(syntax.Text, Template.FromSyntax(syntax, functions, field), field);

    /// <summary>
    /// Renders the field against <paramref name="data"/>; throws <see cref="TemplateExecutionException"/> naming the
    /// field and the position in the template.
    /// </summary>
    public string Render(object? data, TemplateServices? services = null)
    {
        if (_template is null)
        {
            return Text;
        }

        try
        {
            return _template.Execute(data, services).Trim().Replace("<no value>", string.Empty, StringComparison.Ordinal);
        }
        catch (TemplateExecutionException ex) when (ex.Field is null && Field.Length > 0)
        {
            var (line, column) = Syntax.TemplateSyntaxException.PositionOf(Text, ex.Offset);
            throw new TemplateExecutionException($"{Field}: {ex.Message} (template line {line}, column {column})", ex.Offset, Field);
        }
    }
}
