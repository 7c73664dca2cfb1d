using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The cron notes (upstream <c>pkg/note/cron.go</c>): split, build, normalise and describe five-field cron
/// expressions; <c>@yearly</c>, <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c> and
/// <c>@hourly</c> are expanded first.
/// </summary>
internal static class CronNotes
{
    private const string Everything = "* * * * *";

    private static readonly string[] MapKeys = { "minute", "hour", "dayOfMonth", "month", "dayOfWeek" };

    public static void Register(NoteRegistry notes)
    {
        notes.Add("cronToMap", c => ToMap(c.Arguments[0]));
        notes.Add("cronFromMap", c => c.Arguments[0] switch
        {
            null => Everything,
            IDictionary<string, object?> map => FromMap(map),
            var other => throw new TemplateFunctionException("cronFromMap: expected map, got " + GoValues.TypeName(other) + " — use cronFromAny if the input may be a cron string"),
        });
        notes.Add("cronFromAny", c => c.Arguments[0] switch
        {
            IDictionary<string, object?> map => FromMap(map),
            string s => Normalize(s),
            _ => Everything,
        });
        notes.Add("cronNormalize", c => Normalize(Text(c.Arguments[0])));
        notes.Add("cronDescribe", c => Describe(Text(c.Arguments[0])));
        notes.Add("cronValid", c =>
        {
            var expression = Text(c.Arguments[0]);
            return expression.Trim().Length > 0 && Fields(Expand(expression)).Length == 5;
        });
        notes.Add("cronField", c => Field(Text(c.Arguments[0]), Int(c.Arguments[1])));
        notes.Add("cronMinute", c => Field(Text(c.Arguments[0]), 0));
        notes.Add("cronHour", c => Field(Text(c.Arguments[0]), 1));
        notes.Add("cronDom", c => Field(Text(c.Arguments[0]), 2));
        notes.Add("cronMonth", c => Field(Text(c.Arguments[0]), 3));
        notes.Add("cronDow", c => Field(Text(c.Arguments[0]), 4));
        notes.Add("cronExpr", c => string.Join(" ", c.Arguments.Select(Part)));
    }

    /// <summary>Upstream's expandCronMacro: the five-field form of an <c>@</c> macro, or the text as it is.</summary>
    public static string Expand(string expression) => expression.Trim().ToLowerInvariant() switch
    {
        "@yearly" or "@annually" => "0 0 1 1 *",
        "@monthly" => "0 0 1 * *",
        "@weekly" => "0 0 * * 0",
        "@daily" or "@midnight" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        _ => expression,
    };

    private static string[] Fields(string expression) => expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Field(string expression, long position)
    {
        if (expression.Trim().Length == 0)
        {
            return "*";
        }

        if (position is < 0 or > 4)
        {
            throw new TemplateFunctionException("cronField: position " + position + " out of range [0-4]");
        }

        var fields = Fields(Expand(expression));
        return fields.Length == 5
            ? fields[position]
            : throw new TemplateFunctionException("cronField: expected 5 fields in " + Quote(expression) + ", got " + fields.Length);
    }

    private static string Normalize(string expression)
    {
        var fields = Fields(Expand(expression));
        return fields.Length == 5 ? string.Join(" ", fields) : Everything;
    }

    // A part of cronExpr or a value of a schedule map: printed as Go's %v prints it, "*" when blank or nil.
    private static string Part(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            string s => s,
            IList<object?> or IDictionary<string, object?> => throw WrongType("string", value),
            _ => Print(value),
        };
        return text.Trim().Length == 0 ? "*" : text;
    }

    private static string FromMap(IDictionary<string, object?> map) =>
        string.Join(" ", MapKeys.Select(key => map.TryGetValue(key, out var value) && value is not (IList<object?> or IDictionary<string, object?>) ? Part(value) : "*"));

    private static IDictionary<string, object?> ToMap(object? value)
    {
        if (value is IDictionary<string, object?> existing)
        {
            return existing;
        }

        var map = NewMap();
        foreach (var key in MapKeys)
        {
            map[key] = "*";
        }

        var expression = value is null ? string.Empty : value as string ?? Print(value);
        var fields = Fields(Expand(expression));
        if (fields.Length == 5)
        {
            for (var i = 0; i < 5; i++)
            {
                map[MapKeys[i]] = fields[i];
            }
        }

        return map;
    }

    // Upstream's cronDescribe, phrase for phrase.
    private static string Describe(string expression)
    {
        var fields = Fields(Normalize(expression));
        var (minute, hour, dom, month, dow) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*" && dom == "*" && month == "*" && dow == "*")
        {
            return "Every " + minute.Substring(2) + " minutes";
        }

        if (minute == "0" && hour == "*" && dom == "*" && month == "*" && dow == "*")
        {
            return "Every hour";
        }

        if (dom == "*" && month == "*" && dow == "*" && minute != "*" && hour != "*")
        {
            return "At " + hour + ":" + minute + " every day";
        }

        if (dom == "*" && month == "*" && dow != "*")
        {
            return "At " + hour + ":" + minute + " on day-of-week " + dow;
        }

        if (dom != "*" && month == "*" && dow == "*")
        {
            return "At " + hour + ":" + minute + " on day " + dom + " of every month";
        }

        return "Cron: " + string.Join(" ", fields);
    }
}
