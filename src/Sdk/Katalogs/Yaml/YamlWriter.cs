#if !ORKESTRA_GENERATOR
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Style = YamlDotNet.Core.ScalarStyle;

namespace Orkestra.Katalogs.Yaml;

/// <summary>
/// Writes JSON values as block-style YAML, the way kubectl prints objects: keys in their order, strings quoted only
/// where YAML would otherwise read them as something else (<c>"80"</c>, <c>"true"</c>, <c>""</c>), multi-line
/// strings as literal blocks.
/// </summary>
public static class YamlWriter
{
    /// <summary>Writes <paramref name="documents"/> to <paramref name="output"/>, separated by <c>---</c>.</summary>
    public static void Write(TextWriter output, IEnumerable<JsonNode?> documents)
    {
        var emitter = new Emitter(output, new EmitterSettings(2, int.MaxValue, false, 1024, false, false));
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            Emit(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
    }

    /// <summary><paramref name="document"/> as YAML text.</summary>
    public static string ToYaml(JsonNode? document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, new[] { document });
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var pair in obj)
                {
                    EmitString(emitter, pair.Key);
                    Emit(emitter, pair.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case null:
                emitter.Emit(new Scalar(null, null, "null", Style.Plain, true, false));
                break;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(new Scalar(null, null, "true", Style.Plain, true, false));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(new Scalar(null, null, "false", Style.Plain, true, false));
                        break;
                    case JsonValueKind.Number:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), Style.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, "null", Style.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        Style style;
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Any(c => char.IsControl(c) && c != '\n'))
        {
            style = Style.Literal;
        }
        else if (text.Length == 0 || ScalarResolver.Resolve(text) != ScalarKind.String || NeedsQuotes(text))
        {
            style = Style.DoubleQuoted;
        }
        else
        {
            style = Style.Plain;
        }

        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    // What plain YAML cannot hold as it is: leading or trailing blanks, indicators at the start, ": " and " #" inside.
    private static bool NeedsQuotes(string text) =>
        char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
        || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal)
        || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':')
        || text.Any(char.IsControl);
}
#endif
