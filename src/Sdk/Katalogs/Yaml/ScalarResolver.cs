using System.Globalization;

namespace Orkestra.Katalogs.Yaml;

/// <summary>
/// Resolves plain scalars the way kubectl reads YAML (YAML 1.1 through go-yaml v2): <c>yes</c>/<c>on</c> are
/// booleans, <c>0x1F</c> and <c>0777</c> are integers, <c>~</c> is null. Quoted and block scalars are strings.
/// </summary>
internal static class ScalarResolver
{
    public static ScalarKind Resolve(string value)
    {
        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "y":
            case "Y":
            case "yes":
            case "Yes":
            case "YES":
            case "true":
            case "True":
            case "TRUE":
            case "on":
            case "On":
            case "ON":
            case "n":
            case "N":
            case "no":
            case "No":
            case "NO":
            case "false":
            case "False":
            case "FALSE":
            case "off":
            case "Off":
            case "OFF":
                return ScalarKind.Bool;
            case ".nan":
            case ".NaN":
            case ".NAN":
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
            case "-.inf":
            case "-.Inf":
            case "-.INF":
                return ScalarKind.Float;
        }

        var c = value[0];
        if (!(c is >= '0' and <= '9') && c != '+' && c != '-' && c != '.')
        {
            return ScalarKind.String;
        }

        var plain = value.Replace("_", string.Empty);
        if (IsInteger(plain))
        {
            return ScalarKind.Int;
        }

        return IsFloat(plain) ? ScalarKind.Float : ScalarKind.String;
    }

    /// <summary>The boolean value of a scalar that resolved to <see cref="ScalarKind.Bool"/>.</summary>
    public static bool ToBool(string value) => value is "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON";

    /// <summary>Parses an integer the way Go's <c>strconv.ParseInt(s, 0, 64)</c> does.</summary>
    public static bool TryParseInteger(string value, out long result)
    {
        result = 0;
        var s = value.Replace("_", string.Empty);
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s.Substring(1);
        }

        if (s.Length == 0)
        {
            return false;
        }

        int radix;
        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            radix = 16;
            s = s.Substring(2);
        }
        else if (s.Length > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        {
            radix = 2;
            s = s.Substring(2);
        }
        else if (s.Length > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
        {
            radix = 8;
            s = s.Substring(2);
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s.Substring(1);
        }
        else
        {
            radix = 10;
        }

        ulong acc = 0;
        foreach (var ch in s)
        {
            int digit;
            if (ch is >= '0' and <= '9')
            {
                digit = ch - '0';
            }
            else if (ch is >= 'a' and <= 'f')
            {
                digit = ch - 'a' + 10;
            }
            else if (ch is >= 'A' and <= 'F')
            {
                digit = ch - 'A' + 10;
            }
            else
            {
                return false;
            }

            if (digit >= radix)
            {
                return false;
            }

            var next = (acc * (ulong)radix) + (ulong)digit;
            if (next / (ulong)radix != acc && acc != 0)
            {
                return false;
            }

            acc = next;
            if (acc > (ulong)long.MaxValue + (negative ? 1UL : 0UL))
            {
                return false;
            }
        }

        result = negative ? (long)(0UL - acc) : (long)acc;
        return true;
    }

    /// <summary>Parses a float the way the resolver accepts it.</summary>
    public static bool TryParseFloat(string value, out double result)
    {
        switch (value)
        {
            case ".nan":
            case ".NaN":
            case ".NAN":
                result = double.NaN;
                return true;
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
                result = double.PositiveInfinity;
                return true;
            case "-.inf":
            case "-.Inf":
            case "-.INF":
                result = double.NegativeInfinity;
                return true;
        }

        if (TryParseInteger(value, out var integer))
        {
            result = integer;
            return true;
        }

        var plain = value.Replace("_", string.Empty);
        return IsFloat(plain) & double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    private static bool IsInteger(string plain) => TryParseInteger(plain, out _);

    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    private static bool IsFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var intDigits = CountDigits(s, ref i);
        if (intDigits == 0)
        {
            if (i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            CountDigits(s, ref i);
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            i++;
        }

        return i - start;
    }
}
