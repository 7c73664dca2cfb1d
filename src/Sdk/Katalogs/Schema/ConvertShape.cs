using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Schema;

/// <summary>
/// A shape whose nodes may first be rewritten from an older form (a list of <c>{key, value}</c> into a map, a
/// list-form <c>spec.crds</c> into the map form); the converter reports the warning and returns the new node, or the
/// node unchanged when it is already in the current form.
/// </summary>
internal sealed class ConvertShape : Shape
{
    public ConvertShape(Shape target, Func<YamlNode, string, ShapeContext, YamlNode> convert)
    {
        Target = target;
        Convert = convert;
    }

    public Shape Target { get; }

    public Func<YamlNode, string, ShapeContext, YamlNode> Convert { get; }

    public override string Expected => Target.Expected;
}
