namespace Orkestra.Templating;

/// <summary>
/// A katalog field as upstream Orkestra renders it: a string containing <c>{{</c> is a Go template, parsed once; the
/// output is trimmed, then every literal <c>&lt;no value&gt;</c> is removed (upstream's order). Any other string is
/// a literal and is returned as it is.
/// </summary>
public sealed class FieldTemplate
{
    private readonly Template? _template;

    private FieldTemplate(string text, Template? template)
    {
        Text = text;
        _template = template;
    }

    /// <summary>The field's text as written.</summary>
    public string Text { get; }

    /// <summary>Whether the field is a template (contains <c>{{</c>).</summary>
    public bool IsTemplate => _template is not null;

    /// <summary>Whether <paramref name="text"/> is a template.</summary>
    public static bool IsTemplateText(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>Parses the field; throws <see cref="Syntax.TemplateSyntaxException"/> when it is a template that does not parse.</summary>
    public static FieldTemplate Parse(string text, FunctionSet? functions = null, string name = "") =>
        new(text, IsTemplateText(text) ? Template.Parse(text, functions, name) : null);

    /// <summary>Renders the field against <paramref name="data"/>; throws <see cref="TemplateExecutionException"/>.</summary>
    public string Render(object? data, TemplateServices? services = null) =>
        _template is null ? Text : _template.Execute(data, services).Trim().Replace("<no value>", string.Empty, StringComparison.Ordinal);
}
