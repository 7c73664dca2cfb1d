using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The quantity notes (upstream <c>pkg/note/kube_quantity.go</c>): Kubernetes resource quantities as
/// <c>k8s.io/apimachinery</c>'s <c>resource.Quantity</c> parses and prints them.
/// </summary>
internal static class QuantityNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("parseQuantity", c => (double)Quantity("parseQuantity", c.Arguments[0]).Value);
        notes.Add("formatQuantity", c =>
        {
            // Upstream: resource.NewMilliQuantity(int64(f*1000), DecimalSI).
            var millis = Number("formatQuantity", c.Arguments[0]) * 1000;
            if (double.IsNaN(millis) || System.Math.Abs(millis) >= 9.2233720368547758E18)
            {
                throw new TemplateFunctionException("formatQuantity: " + Print(c.Arguments[0]) + " is out of range");
            }

            return new KubeQuantity((long)millis / 1000m, QuantityFormat.DecimalSI).ToString();
        });
        notes.Add("sumQuantity", c =>
        {
            var qa = Quantity("sumQuantity", c.Arguments[0]);
            var qb = Quantity("sumQuantity", c.Arguments[1]);
            try
            {
                // Quantity.Add keeps the first operand's format, unless it is zero.
                return new KubeQuantity(qa.Value + qb.Value, qa.Value == 0 ? qb.Format : qa.Format).ToString();
            }
            catch (OverflowException)
            {
                throw new TemplateFunctionException("sumQuantity: the sum is too large");
            }
        });
    }

    // A quantity argument: a missing value is zero (nil-safety); text that is not a quantity fails, as upstream.
    private static KubeQuantity Quantity(string function, object? value)
    {
        if (value is null)
        {
            return new KubeQuantity(0m, QuantityFormat.DecimalSI);
        }

        var text = Text(value);
        return KubeQuantity.TryParse(text, out var quantity)
            ? quantity
            : throw new TemplateFunctionException(function + ": " + Quote(text) + " is not a valid Kubernetes quantity");
    }
}

/// <summary>How a quantity is written: binary (<c>Ki</c>…<c>Ei</c>), decimal SI (<c>m</c>, <c>k</c>, <c>M</c>…) or exponent.</summary>
internal enum QuantityFormat
{
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// <summary>A Kubernetes resource quantity: its value and the notation it prints in.</summary>
internal readonly record struct KubeQuantity(decimal Value, QuantityFormat Format)
{
    private static readonly string[] BinarySuffixes = { string.Empty, "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };

    /// <summary>
    /// <c>resource.ParseQuantity</c>: an optional sign, digits with an optional point, and a suffix (<c>n u m k M G T P
    /// E</c>, <c>Ki</c>…<c>Ei</c>, or <c>e</c>/<c>E</c> and an integer).
    /// </summary>
    public static bool TryParse(string text, out KubeQuantity quantity)
    {
        quantity = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var numberStart = i;
        var digits = 0;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var number = text.Substring(numberStart, i - numberStart);
        var suffix = text.Substring(i);
        decimal multiplier;
        QuantityFormat format;
        if (TryDecimalSuffix(suffix, out multiplier))
        {
            format = QuantityFormat.DecimalSI;
        }
        else if (Array.IndexOf(BinarySuffixes, suffix) > 0)
        {
            format = QuantityFormat.BinarySI;
            multiplier = Pow(1024, Array.IndexOf(BinarySuffixes, suffix));
        }
        else if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -28 and <= 28)
        {
            format = QuantityFormat.DecimalExponent;
            multiplier = exponent >= 0 ? Pow(10, exponent) : 1m / Pow(10, -exponent);
        }
        else
        {
            return false;
        }

        try
        {
            var value = decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * multiplier;
            quantity = new KubeQuantity(negative ? -value : value, format);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The canonical form, as <c>Quantity.String()</c> prints it.</summary>
    public override string ToString()
    {
        if (Value == 0)
        {
            return "0";
        }

        var format = Format;
        if (format == QuantityFormat.BinarySI && (Math.Abs(Value) < 1024 || decimal.Truncate(Value) != Value))
        {
            // Small or fractional binary quantities print as decimal SI, as Kubernetes does.
            format = QuantityFormat.DecimalSI;
        }

        var sign = Value < 0 ? "-" : string.Empty;
        var abs = Math.Abs(Value);
        if (format == QuantityFormat.BinarySI)
        {
            var exponent = 0;
            while (exponent < BinarySuffixes.Length - 1 && abs % 1024 == 0)
            {
                abs /= 1024;
                exponent++;
            }

            return sign + abs.ToString("0", CultureInfo.InvariantCulture) + BinarySuffixes[exponent];
        }

        // Round up (away from zero) to the nano, then find the largest power of 1000 that leaves a whole mantissa.
        var large = abs >= 1_000_000_000_000_000_000m;
        var nanos = large ? decimal.Ceiling(abs) : decimal.Ceiling(abs * 1_000_000_000m);
        var power = large ? 0 : -9;
        while (nanos % 10 == 0)
        {
            nanos /= 10;
            power++;
        }

        while (power % 3 != 0)
        {
            nanos *= 10;
            power--;
        }

        while (power > 18)
        {
            nanos *= 1000;
            power -= 3;
        }

        var mantissa = nanos.ToString("0", CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
        {
            return sign + mantissa + (power == 0 ? string.Empty : "e" + power.ToString(CultureInfo.InvariantCulture));
        }

        var suffix = power switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => string.Empty,
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
        return sign + mantissa + suffix;
    }

    private static bool TryDecimalSuffix(string suffix, out decimal multiplier)
    {
        multiplier = suffix switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1_000m,
            "M" => 1_000_000m,
            "G" => 1_000_000_000m,
            "T" => 1_000_000_000_000m,
            "P" => 1_000_000_000_000_000m,
            "E" => 1_000_000_000_000_000_000m,
            _ => 0m,
        };
        return multiplier != 0m;
    }

    private static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }

        return result;
    }
}
