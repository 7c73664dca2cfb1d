using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The serve notes (upstream <c>pkg/note/gateway_serve.go</c>): the provenance annotations the gateway stamps on the
/// objects it creates.
/// </summary>
internal static class ServeNotes
{
    /// <summary>The gateway target the object was submitted to.</summary>
    public const string TargetAnnotation = "orkestra.orkspace.io/serve-target";

    /// <summary>The alias it was submitted through, when not the primary target.</summary>
    public const string AliasAnnotation = "orkestra.orkspace.io/serve-alias";

    /// <summary>The webhook integration it came from (github, gitlab, slack, …).</summary>
    public const string SourceAnnotation = "orkestra.orkspace.io/serve-source";

    public static void Register(NoteRegistry notes)
    {
        notes.Add("getServeTarget", c => Annotation(c.Arguments[0], TargetAnnotation));
        notes.Add("getServeAlias", c => Annotation(c.Arguments[0], AliasAnnotation));
        notes.Add("getServeSource", c => Annotation(c.Arguments[0], SourceAnnotation));
        notes.Add("hasServeTarget", c => Annotation(c.Arguments[0], TargetAnnotation).Length > 0);
        notes.Add("hasServeAlias", c => Annotation(c.Arguments[0], AliasAnnotation).Length > 0);
        notes.Add("hasServeSource", c => Annotation(c.Arguments[0], SourceAnnotation).Length > 0);
        notes.Add("isDirectApply", c => Annotation(c.Arguments[0], TargetAnnotation).Length == 0
            && Annotation(c.Arguments[0], AliasAnnotation).Length == 0
            && Annotation(c.Arguments[0], SourceAnnotation).Length == 0);
    }

    private static string Annotation(object? obj, string key) => PathText(obj, "metadata", "annotations", key);
}
