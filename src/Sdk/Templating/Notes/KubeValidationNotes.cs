using System.Text.RegularExpressions;
using Orkestra.Templating.Conditions;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The Kubernetes validation notes (upstream <c>pkg/note/kube_validation.go</c>): the API server's own format checks
/// for label values, label and annotation keys (qualified names) and DNS-1123 subdomains, as in
/// <c>k8s.io/apimachinery</c>. Every parameter is a string: nil reads as "", any other type fails.
/// </summary>
internal static class KubeValidationNotes
{
    private const int LabelValueMaxLength = 63;
    private const int QualifiedNameMaxLength = 63;
    private const int Dns1123SubdomainMaxLength = 253;

    private static readonly Regex LabelValuePattern = Re2Regex.Compile(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static readonly Regex QualifiedNamePattern = Re2Regex.Compile(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static readonly Regex Dns1123SubdomainPattern = Re2Regex.Compile(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    public static void Register(NoteRegistry notes)
    {
        notes.Add("isValidLabelValue", c => Text(c.Arguments[0]) is var value && value.Length <= LabelValueMaxLength && LabelValuePattern.IsMatch(value));
        notes.Add("isValidLabelKey", c => IsQualifiedName(Text(c.Arguments[0])));
        notes.Add("isValidAnnotationKey", c => IsQualifiedName(Text(c.Arguments[0])));
        notes.Add("isDNS1123Subdomain", c => IsDns1123Subdomain(Text(c.Arguments[0])));
    }

    // [prefix/]name: a DNS-1123 subdomain prefix, and a name of at most 63 alphanumerics, '-', '_' and '.', starting
    // and ending alphanumeric. (Lengths are byte counts in Go; the patterns only pass ASCII, so they agree.)
    private static bool IsQualifiedName(string value)
    {
        var parts = value.Split('/');
        if (parts.Length > 2 || (parts.Length == 2 && !IsDns1123Subdomain(parts[0])))
        {
            return false;
        }

        var name = parts[^1];
        return name.Length <= QualifiedNameMaxLength && QualifiedNamePattern.IsMatch(name);
    }

    private static bool IsDns1123Subdomain(string value) =>
        value.Length <= Dns1123SubdomainMaxLength && Dns1123SubdomainPattern.IsMatch(value);
}
