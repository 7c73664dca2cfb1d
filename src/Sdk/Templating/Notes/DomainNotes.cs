namespace Orkestra.Templating;

/// <summary>
/// The domain notes (upstream <c>pkg/note/kube_domain.go</c>): a URL-ish string cleaned to its host. Anything but a
/// string (nil included) gives "", never an error.
/// </summary>
internal static class DomainNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("domainHost", c => Host(c.Arguments[0]));
        notes.Add("domainBare", c => Host(c.Arguments[0]) is var host && host.StartsWith("www.", StringComparison.Ordinal) ? host.Substring(4) : host);
    }

    // strings.TrimSpace, then one "https://" then one "http://" prefix and one trailing "/" removed.
    private static string Host(object? value)
    {
        if (value is not string text)
        {
            return string.Empty;
        }

        text = text.Trim();
        text = TrimPrefix(text, "https://");
        text = TrimPrefix(text, "http://");
        return text.EndsWith('/') ? text.Substring(0, text.Length - 1) : text;
    }

    private static string TrimPrefix(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : text;
}
