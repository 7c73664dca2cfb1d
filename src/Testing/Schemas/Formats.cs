using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// The string <c>format</c>s the API server checks in custom resources (kube-openapi's registry); formats it does not
/// know, and numeric ones (<c>int32</c>, <c>double</c>, …), accept any value.
/// </summary>
internal static partial class Formats
{
    public static bool IsValid(string format, string text) => format switch
    {
        "date-time" or "datetime" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && DateTimePattern().IsMatch(text),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" or "uuid3" or "uuid4" or "uuid5" => UuidPattern().IsMatch(text),
        "byte" => IsBase64(text),
        "ipv4" => IsIp(text, System.Net.Sockets.AddressFamily.InterNetwork) && !text.Contains(':', StringComparison.Ordinal),
        "ipv6" => IsIp(text, System.Net.Sockets.AddressFamily.InterNetworkV6),
        "cidr" => IsCidr(text),
        "mac" => MacPattern().IsMatch(text),
        "hostname" => text.Length <= 255 && HostnamePattern().IsMatch(text),
        "email" => EmailPattern().IsMatch(text),
        "duration" => DurationPattern().IsMatch(text),
        _ => true,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static bool IsIp(string text, System.Net.Sockets.AddressFamily family) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == family && !text.Contains('%', StringComparison.Ordinal);

    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address))
        {
            return false;
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= bits;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^([0-9A-Fa-f]{2}[:-]){5,19}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\\.){2,9}[0-9A-Fa-f]{4}$")]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?)*\.?$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w))+$|^0$")]
    private static partial Regex DurationPattern();
}
