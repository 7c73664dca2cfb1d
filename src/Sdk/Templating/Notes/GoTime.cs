using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orkestra.Katalogs;

namespace Orkestra.Templating;

/// <summary>
/// Go's time conventions as the time notes need them: timestamps as upstream parses them (RFC 3339, or a bare
/// date), Go layouts (<c>Jan 2, 2006 15:04</c>) for formatting, and <c>time.Duration.String()</c>.
/// </summary>
internal static partial class GoTime
{
    /// <summary>The longest duration Go can hold (int64 nanoseconds), in ticks.</summary>
    public const long MaxDurationTicks = long.MaxValue / 100;

    private static readonly string[] LongMonths = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] ShortMonths = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;
    private static readonly string[] LongDays = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
    private static readonly string[] ShortDays = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;

    /// <summary>
    /// Upstream's <c>parseTime</c>: RFC 3339 (fractional seconds and an offset allowed, <c>T</c> and <c>Z</c> upper
    /// case) or <c>2006-01-02</c> (midnight UTC).
    /// </summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset time)
    {
        time = default;
        var match = TimestampPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var year = Part("year");
        var month = Part("month");
        var day = Part("day");
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month) || year == 0)
        {
            return false;
        }

        if (!match.Groups["hour"].Success)
        {
            time = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        var hour = Part("hour");
        var minute = Part("minute");
        var second = Part("second");
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["zone"].Value;
        if (zone != "Z")
        {
            var hours = int.Parse(zone.Substring(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.Substring(4, 2), CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }

        long ticks = 0;
        if (match.Groups["fraction"].Success)
        {
            var digits = (match.Groups["fraction"].Value + "0000000").Substring(0, 7);
            ticks = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        try
        {
            time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // An offset that moves the instant outside DateTimeOffset's range.
            return false;
        }
    }

    /// <summary>A duration as upstream reads them: Go's units plus d, w, mo and y, within Go's range.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration) =>
        Durations.TryParse(text, extended: true, out duration) && duration.Ticks is <= MaxDurationTicks and >= -MaxDurationTicks;

    /// <summary>Go's <c>time.Duration.String()</c>: <c>1h30m0s</c>, <c>2.5s</c>, <c>300ms</c>, <c>0s</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var negative = duration.Ticks < 0;
        var nanos = (UInt128)(negative ? -(Int128)duration.Ticks : duration.Ticks) * 100;
        if (nanos == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (nanos < 1_000_000_000)
        {
            // Under a second: the largest unit below a second that fits.
            var (precision, unit) = nanos < 1_000 ? (0, "ns") : nanos < 1_000_000 ? (3, "\u00b5s") : (6, "ms");
            builder.Append(Fraction(nanos, precision)).Append(unit);
        }
        else
        {
            var seconds = nanos / 1_000_000_000;
            var minutes = seconds / 60;
            var hours = minutes / 60;
            if (hours > 0)
            {
                builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (minutes > 0)
            {
                builder.Append((minutes % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            builder.Append(Fraction((seconds % 60 * 1_000_000_000) + (nanos % 1_000_000_000), 9)).Append('s');
        }

        return negative ? "-" + builder : builder.ToString();
    }

    // value / 10^precision with the fraction's trailing zeros (and a bare point) left out.
    private static string Fraction(UInt128 value, int precision)
    {
        UInt128 scale = 1;
        for (var i = 0; i < precision; i++)
        {
            scale *= 10;
        }

        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = value % scale;
        if (fraction == 0)
        {
            return whole;
        }

        return whole + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
    }

    /// <summary>RFC 3339 in UTC to the second, as Go's <c>time.RFC3339</c> formats a UTC time.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>t.UTC().Format(layout)</c> with Go's layout elements.</summary>
    public static string Format(DateTimeOffset time, string layout)
    {
        var t = time.UtcDateTime;
        var builder = new StringBuilder(layout.Length + 10);
        var rest = layout;
        while (rest.Length > 0)
        {
            var chunk = NextElement(rest);
            builder.Append(chunk.Prefix);
            if (chunk.Element == Element.None)
            {
                break;
            }

            rest = chunk.Suffix;
            switch (chunk.Element)
            {
                case Element.LongYear:
                    builder.Append(t.Year.ToString("D4", CultureInfo.InvariantCulture));
                    break;
                case Element.Year:
                    builder.Append((t.Year % 100).ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.LongMonth:
                    builder.Append(LongMonths[t.Month - 1]);
                    break;
                case Element.Month:
                    builder.Append(ShortMonths[t.Month - 1]);
                    break;
                case Element.NumMonth:
                    builder.Append(t.Month.ToString(CultureInfo.InvariantCulture));
                    break;
                case Element.ZeroMonth:
                    builder.Append(t.Month.ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.LongWeekDay:
                    builder.Append(LongDays[(int)t.DayOfWeek]);
                    break;
                case Element.WeekDay:
                    builder.Append(ShortDays[(int)t.DayOfWeek]);
                    break;
                case Element.Day:
                    builder.Append(t.Day.ToString(CultureInfo.InvariantCulture));
                    break;
                case Element.UnderDay:
                    builder.Append(t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2));
                    break;
                case Element.ZeroDay:
                    builder.Append(t.Day.ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.UnderYearDay:
                    builder.Append(t.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3));
                    break;
                case Element.ZeroYearDay:
                    builder.Append(t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture));
                    break;
                case Element.Hour:
                    builder.Append(t.Hour.ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.Hour12:
                    builder.Append((t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString(CultureInfo.InvariantCulture));
                    break;
                case Element.ZeroHour12:
                    builder.Append((t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.Minute:
                    builder.Append(t.Minute.ToString(CultureInfo.InvariantCulture));
                    break;
                case Element.ZeroMinute:
                    builder.Append(t.Minute.ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.Second:
                    builder.Append(t.Second.ToString(CultureInfo.InvariantCulture));
                    break;
                case Element.ZeroSecond:
                    builder.Append(t.Second.ToString("D2", CultureInfo.InvariantCulture));
                    break;
                case Element.PM:
                    builder.Append(t.Hour >= 12 ? "PM" : "AM");
                    break;
                case Element.LowerPM:
                    builder.Append(t.Hour >= 12 ? "pm" : "am");
                    break;
                case Element.ZoneName:
                    builder.Append("UTC");
                    break;
                case Element.IsoZone:
                    builder.Append('Z');
                    break;
                case Element.NumZone:
                    // The offset is always zero: "-07:00" gives "+00:00".
                    builder.Append('+').Append(chunk.Text.Substring(1).Replace('7', '0'));
                    break;
                case Element.FracZeros:
                case Element.FracNines:
                    var digits = (t.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture) + "00";
                    var width = chunk.Text.Length - 1;
                    var fraction = digits.Substring(0, Math.Min(width, 9)).PadRight(width, '0');
                    if (chunk.Element == Element.FracNines)
                    {
                        fraction = fraction.TrimEnd('0');
                        if (fraction.Length == 0)
                        {
                            break;
                        }
                    }

                    builder.Append(chunk.Text[0]).Append(fraction);
                    break;
            }
        }

        return builder.ToString();
    }

    private enum Element
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        LowerPM,
        ZoneName,
        IsoZone,
        NumZone,
        FracZeros,
        FracNines,
    }

    // One step of Go's nextStdChunk: the literal text before the next layout element, the element, its text in the
    // layout, and the rest of the layout.
    private readonly record struct Chunk(string Prefix, Element Element, string Text, string Suffix);

    private static Chunk NextElement(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            bool At(string s) => layout.Length - i >= s.Length && string.CompareOrdinal(layout, i, s, 0, s.Length) == 0;
            Chunk Found(Element element, int length) =>
                new(layout.Substring(0, i), element, layout.Substring(i, length), layout.Substring(i + length));

            switch (layout[i])
            {
                case 'J':
                    if (At("January"))
                    {
                        return Found(Element.LongMonth, 7);
                    }

                    if (At("Jan") && !StartsWithLower(layout, i + 3))
                    {
                        return Found(Element.Month, 3);
                    }

                    break;
                case 'M':
                    if (At("Monday"))
                    {
                        return Found(Element.LongWeekDay, 6);
                    }

                    if (At("Mon") && !StartsWithLower(layout, i + 3))
                    {
                        return Found(Element.WeekDay, 3);
                    }

                    if (At("MST"))
                    {
                        return Found(Element.ZoneName, 3);
                    }

                    break;
                case '0':
                    if (i + 1 < layout.Length && layout[i + 1] is >= '1' and <= '6')
                    {
                        var element = layout[i + 1] switch
                        {
                            '1' => Element.ZeroMonth,
                            '2' => Element.ZeroDay,
                            '3' => Element.ZeroHour12,
                            '4' => Element.ZeroMinute,
                            '5' => Element.ZeroSecond,
                            _ => Element.Year,
                        };
                        return Found(element, 2);
                    }

                    if (At("002"))
                    {
                        return Found(Element.ZeroYearDay, 3);
                    }

                    break;
                case '1':
                    return At("15") ? Found(Element.Hour, 2) : Found(Element.NumMonth, 1);
                case '2':
                    return At("2006") ? Found(Element.LongYear, 4) : Found(Element.Day, 1);
                case '_':
                    if (At("_2"))
                    {
                        if (At("_2006"))
                        {
                            // A literal "_" followed by the year.
                            return new Chunk(layout.Substring(0, i + 1), Element.LongYear, "2006", layout.Substring(i + 5));
                        }

                        return Found(Element.UnderDay, 2);
                    }

                    if (At("__2"))
                    {
                        return Found(Element.UnderYearDay, 3);
                    }

                    break;
                case '3':
                    return Found(Element.Hour12, 1);
                case '4':
                    return Found(Element.Minute, 1);
                case '5':
                    return Found(Element.Second, 1);
                case 'P':
                    if (At("PM"))
                    {
                        return Found(Element.PM, 2);
                    }

                    break;
                case 'p':
                    if (At("pm"))
                    {
                        return Found(Element.LowerPM, 2);
                    }

                    break;
                case '-':
                case 'Z':
                    foreach (var zone in new[] { "070000", "07:00:00", "0700", "07:00", "07" })
                    {
                        if (At(layout[i] + zone))
                        {
                            return Found(layout[i] == 'Z' ? Element.IsoZone : Element.NumZone, zone.Length + 1);
                        }
                    }

                    break;
                case '.':
                case ',':
                    if (i + 1 < layout.Length && layout[i + 1] is '0' or '9')
                    {
                        var digit = layout[i + 1];
                        var j = i + 1;
                        while (j < layout.Length && layout[j] == digit)
                        {
                            j++;
                        }

                        if (j >= layout.Length || layout[j] is < '0' or > '9')
                        {
                            return Found(digit == '0' ? Element.FracZeros : Element.FracNines, j - i);
                        }
                    }

                    break;
            }
        }

        return new Chunk(layout, Element.None, string.Empty, string.Empty);
    }

    private static bool StartsWithLower(string s, int index) => index < s.Length && s[index] is >= 'a' and <= 'z';

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:T(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,9}))?(?<zone>Z|[+-][0-9]{2}:[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
