using System.Text.Json.Nodes;
using Orkestra.Testing.Server;

namespace Orkestra.Testing.Tests.Server;

public sealed class SelectorTests
{
    private static readonly JsonObject Object = JsonNode.Parse("""{"metadata":{"name":"web","namespace":"prod","labels":{"app":"web","tier":"front","n":"5"}}}""")!.AsObject();

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web, db)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db,cache)", true)]
    [InlineData("missing notin (db)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=front", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("n>3", true)]
    [InlineData("n<3", false)]
    [InlineData("", true)]
    public void Label_selectors(string selector, bool matches) => Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Object));

    [Theory]
    [InlineData("app=(web")]
    [InlineData("a b")]
    [InlineData("app in web")]
    public void Bad_label_selectors_are_400(string selector) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => LabelSelector.Parse(selector)).Code);

    [Theory]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("metadata.namespace=prod,metadata.name=web", true)]
    [InlineData("metadata.namespace=dev", false)]
    public void Field_selectors(string selector, bool matches)
    {
        var type = new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", Namespaced: true);
        Assert.Equal(matches, FieldSelector.Parse(selector, type).Matches(Object));
    }

    [Fact]
    public void Unsupported_field_labels_are_400()
    {
        var type = new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", Namespaced: true);
        var error = Assert.Throws<ApiException>(() => FieldSelector.Parse("spec.x=1", type));
        Assert.Equal(400, error.Code);
        Assert.Equal("field label not supported: spec.x", error.Message);
    }
}
