using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orkestra.Cli;

/// <summary>The <c>--output</c> option shared by the commands whose result a person might pipe.</summary>
internal static class Output
{
    /// <summary>Human-readable lines (the default).</summary>
    public const string Text = "text";

    /// <summary>One JSON document on stdout.</summary>
    public const string Json = "json";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // stdout is not HTML: keep quotes, '<' and non-ASCII readable in messages.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates <c>--output</c>/<c>-o</c>, accepting <c>text</c> or <c>json</c>.</summary>
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json.",
            HelpName = "text|json",
            DefaultValueFactory = _ => Text,
        };
        option.AcceptOnlyFromAmong(Text, Json);
        return option;
    }

    /// <summary>Writes one JSON document, built with <paramref name="write"/>, to <paramref name="output"/>.</summary>
    /// <remarks>Utf8JsonWriter, not reflection-based serialization: the CLI stays trim-safe.</remarks>
    public static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
