namespace Orkestra.Templating;

/// <summary>A note a katalog or motif defines (<c>notes.functions</c>): a named template without arguments.</summary>
/// <param name="Name">The name templates call it by.</param>
/// <param name="Expression">The template it evaluates against the current object.</param>
/// <param name="Description">What it is for.</param>
public sealed record UserNote(string Name, string Expression, string? Description = null);

/// <summary>
/// Turns user notes into template functions: each takes no argument and renders its expression against the object
/// being reconciled (<c>$</c>); an output of <c>true</c> or <c>false</c> becomes a boolean. Notes may call each other;
/// a note that ends up calling itself fails instead of recursing forever.
/// </summary>
public static class UserNotes
{
    private const int MaxDepth = 32;

    [ThreadStatic]
    private static int _depth;

    /// <summary>
    /// <paramref name="functions"/> plus <paramref name="notes"/> (a note replaces a function of the same name);
    /// throws <see cref="Syntax.TemplateSyntaxException"/> when an expression does not parse.
    /// </summary>
    public static FunctionSet Add(FunctionSet functions, IEnumerable<UserNote> notes)
    {
        var list = notes.ToList();
        var templates = new Dictionary<string, FieldTemplate>(StringComparer.Ordinal);
        var defined = functions.With(list.Select(note => new TemplateFunction(note.Name, 0, 0, call => Evaluate(note, templates, call))));
        foreach (var note in list)
        {
            templates[note.Name] = FieldTemplate.Parse(note.Expression, defined, note.Name);
        }

        return defined;
    }

    private static object? Evaluate(UserNote note, Dictionary<string, FieldTemplate> templates, TemplateCall call)
    {
        if (_depth >= MaxDepth)
        {
            throw new TemplateFunctionException("note '" + note.Name + "' calls notes more than " + MaxDepth + " deep; does it call itself?");
        }

        _depth++;
        try
        {
            var output = templates[note.Name].Render(call.Root, call.Services);
            return output switch
            {
                "true" => true,
                "false" => false,
                _ => output,
            };
        }
        catch (TemplateExecutionException ex)
        {
            throw new TemplateFunctionException("note '" + note.Name + "': " + ex.Message);
        }
        finally
        {
            _depth--;
        }
    }
}
