using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>An additional text held in memory, the way the compiler hands a project's YAML to the generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
