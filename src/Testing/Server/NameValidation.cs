using System.Text.RegularExpressions;

namespace Orkestra.Testing.Server;

/// <summary>Kubernetes object name rules, with apimachinery's messages.</summary>
internal static partial class NameValidation
{
    private const string SubdomainRegex = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string LabelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035Regex = "[a-z]([-a-z0-9]*[a-z0-9])?";

    /// <summary>The problems with a name under a rule (none when it is valid).</summary>
    public static IEnumerable<string> Problems(string name, NameRule rule)
    {
        var (max, pattern, message) = rule switch
        {
            NameRule.Label => (63, Label(),
                $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{LabelRegex}')"),
            NameRule.Dns1035Label => (63, Dns1035(),
                $"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '{Dns1035Regex}')"),
            _ => (253, Subdomain(),
                $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{SubdomainRegex}')"),
        };
        if (name.Length > max)
        {
            yield return $"must be no more than {max} characters";
        }
        if (!pattern.IsMatch(name))
        {
            yield return message;
        }
    }

    [GeneratedRegex("^" + SubdomainRegex + "$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^" + LabelRegex + "$")]
    private static partial Regex Label();

    [GeneratedRegex("^" + Dns1035Regex + "$")]
    private static partial Regex Dns1035();
}
