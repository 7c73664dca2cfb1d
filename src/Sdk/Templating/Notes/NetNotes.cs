using System.Globalization;
using System.Net;
using System.Net.Sockets;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The net notes (upstream <c>pkg/note/net.go</c>), with Go's <c>net.ParseIP</c> rules: dotted-decimal IPv4 without
/// leading zeros, or IPv6 (no zone). Malformed input gives false.
/// </summary>
internal static class NetNotes
{
    private static readonly (byte[] Network, int Bits)[] PrivateBlocks =
    {
        (new byte[] { 10, 0, 0, 0 }, 8),
        (new byte[] { 172, 16, 0, 0 }, 12),
        (new byte[] { 192, 168, 0, 0 }, 16),
        (Ipv6Prefix(0xfc), 7),
    };

    public static void Register(NoteRegistry notes)
    {
        notes.Add("cidrContains", c => TryParseCidr(Text(c.Arguments[0]), out var network, out var bits)
            && TryParseIp(Text(c.Arguments[1]), out var ip)
            && Contains(network, bits, ip));
        notes.Add("ipValid", c => TryParseIp(Text(c.Arguments[0]), out _));
        notes.Add("ipIsPrivate", c =>
        {
            if (!TryParseIp(Text(c.Arguments[0]), out var ip))
            {
                return false;
            }

            foreach (var (network, bits) in PrivateBlocks)
            {
                if (Contains(network, bits, ip))
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>Go's <c>net.ParseIP</c>: 4 bytes for IPv4 and IPv4-mapped IPv6, else 16 bytes.</summary>
    public static bool TryParseIp(string text, out byte[] address)
    {
        address = Array.Empty<byte>();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.IndexOfAny(new[] { '%', '[', ']', '/' }) >= 0 || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4().GetAddressBytes() : parsed.GetAddressBytes();
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = bytes;
        return true;
    }

    // Go's net.ParseCIDR: an address, "/", and a prefix length within the address's size.
    private static bool TryParseCidr(string text, out byte[] network, out int bits)
    {
        network = Array.Empty<byte>();
        bits = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var addressText = text.Substring(0, slash);
        if (!TryParseIp(addressText, out network)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits))
        {
            return false;
        }

        // An IPv4-mapped IPv6 network ("::ffff:10.0.0.0/104") counts its bits over the 16-byte form.
        if (network.Length == 4 && addressText.Contains(':', StringComparison.Ordinal))
        {
            bits -= 96;
            if (bits < 0)
            {
                return false;
            }
        }

        return bits <= network.Length * 8;
    }

    private static bool Contains(byte[] network, int bits, byte[] ip)
    {
        if (network.Length != ip.Length)
        {
            // A 4-byte address inside a 16-byte network is its IPv4-mapped form.
            if (network.Length == 16 && ip.Length == 4)
            {
                var mapped = new byte[16];
                mapped[10] = 0xff;
                mapped[11] = 0xff;
                ip.CopyTo(mapped, 12);
                ip = mapped;
            }
            else
            {
                return false;
            }
        }

        for (var i = 0; i < bits; i++)
        {
            var mask = (byte)(0x80 >> (i % 8));
            if ((network[i / 8] & mask) != (ip[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Ipv6Prefix(byte first)
    {
        var bytes = new byte[16];
        bytes[0] = first;
        return bytes;
    }
}
