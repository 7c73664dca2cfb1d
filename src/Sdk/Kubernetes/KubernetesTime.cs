using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Formats and parses times the way Kubernetes writes them: RFC 3339 in UTC (<c>2024-05-01T10:20:30Z</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Format"/> converts to UTC and writes no fractional seconds when the value is a whole second (a
/// <c>metav1.Time</c>), six digits when it has sub-second precision (a <c>metav1.MicroTime</c>,
/// <c>2024-05-01T10:20:30.123456Z</c>), and seven only when it has ticks below the microsecond, so no precision is lost.
/// </para>
/// <para>
/// <see cref="Parse"/> and <see cref="TryParse"/> accept any RFC 3339 date-time: <c>T</c> or <c>t</c> between date and
/// time, optional fractional seconds of any length (digits past the 100 ns tick are truncated), and <c>Z</c>,
/// <c>z</c> or a <c>±hh:mm</c> offset. The result is always in UTC (offset zero). Leap seconds (<c>:60</c>) are not
/// representable and do not parse.
/// </para>
/// </remarks>
public static class KubernetesTime
{
    private const string WholeSeconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";
    private const string Microseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";
    private const string Ticks = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    /// <summary>Formats a time as Kubernetes writes it: RFC 3339 in UTC, with fractional seconds only when it has them.</summary>
    /// <param name="value">The time; any offset is converted to UTC.</param>
    /// <returns>For example <c>2024-05-01T10:20:30Z</c> or <c>2024-05-01T10:20:30.123456Z</c>.</returns>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? WholeSeconds : fraction % TimeSpan.TicksPerMicrosecond == 0 ? Microseconds : Ticks;
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an RFC 3339 date-time, converting it to UTC.</summary>
    /// <param name="text">The text, for example <c>2024-05-01T10:20:30Z</c> or <c>2024-05-01T12:20:30.5+02:00</c>.</param>
    /// <returns>The time, with offset zero.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not an RFC 3339 date-time.</exception>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an RFC 3339 date-time such as 2024-05-01T10:20:30Z.");
    }

    /// <summary>Tries to parse an RFC 3339 date-time, converting it to UTC.</summary>
    /// <param name="text">The text; null does not parse.</param>
    /// <param name="value">The time, with offset zero, when the text parses.</param>
    /// <returns>Whether the text is an RFC 3339 date-time.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20)
        {
            return false;
        }

        var s = text.AsSpan();
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-'
            || !Digits(s, 8, 2, out var day) || (s[10] != 'T' && s[10] != 't')
            || !Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':'
            || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (s[i] - '0') * scale;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        long offsetTicks;
        if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.Length)
        {
            offsetTicks = 0;
        }
        else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length
            && Digits(s, i + 1, 2, out var offsetHours) && s[i + 3] == ':' && Digits(s, i + 4, 2, out var offsetMinutes)
            && offsetHours <= 23 && offsetMinutes <= 59)
        {
            offsetTicks = ((offsetHours * 60L) + offsetMinutes) * TimeSpan.TicksPerMinute * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
