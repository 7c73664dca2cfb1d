using System.Globalization;

namespace Orkestra.Katalogs;

/// <summary>
/// Go durations as <c>time.ParseDuration</c> reads them (<c>300ms</c>, <c>1h30m</c>, <c>-1.5h</c>), and upstream's
/// extended forms for long periods (<c>30d</c>, <c>2w</c>, <c>6mo</c>, <c>2y</c>: a day is 24h, a month 30 days,
/// a year 365 days).
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class Durations
{
    /// <summary>Parses <paramref name="text"/>; with <paramref name="extended"/>, d, w, mo and y are accepted too.</summary>
    public static bool TryParse(string text, bool extended, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s.Substring(1);
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        decimal totalTicks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            var intDigits = i - start;
            var fracDigits = 0;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                var fracStart = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                {
                    i++;
                }

                fracDigits = i - fracStart;
            }

            if (intDigits == 0 && fracDigits == 0)
            {
                return false;
            }

            if (!decimal.TryParse(s.Substring(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
            {
                i++;
            }

            var nanoseconds = UnitNanoseconds(s.Substring(unitStart, i - unitStart), extended);
            if (nanoseconds == 0)
            {
                return false;
            }

            // More than what is left up to TimeSpan.MaxValue; checked before multiplying, which could overflow decimal.
            if (number > MaxNumber || number > (TimeSpan.MaxValue.Ticks - totalTicks) * 100m / nanoseconds)
            {
                return false;
            }

            totalTicks += number * nanoseconds / 100;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)(negative ? -totalTicks : totalTicks));
        return true;
    }

    // Larger numbers overflow every unit (and decimal arithmetic).
    private const decimal MaxNumber = 1_000_000_000_000_000_000m;

    // 0 for a unit that is not accepted.
    private static decimal UnitNanoseconds(string unit, bool extended)
    {
        const decimal Second = 1_000_000_000m;
        const decimal Day = 86_400m * Second;
        return unit switch
        {
            "ns" => 1m,
            "us" or "\u00b5s" or "\u03bcs" => 1_000m,
            "ms" => 1_000_000m,
            "s" => Second,
            "m" => 60m * Second,
            "h" => 3_600m * Second,
            "d" when extended => Day,
            "w" when extended => 7m * Day,
            "mo" when extended => 30m * Day,
            "y" when extended => 365m * Day,
            _ => 0m,
        };
    }
}
