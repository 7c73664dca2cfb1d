using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Generators.Models;
using Orkestra.Kubernetes;

namespace Orkestra.Generators.Tests.Models;

public class ModelGeneratorTests
{
    private const string Ns = "Test.Models";

    // A CRD with one version whose spec schema is given, indented to sit under "spec:".
    private static string Crd(string specProperties, string extraSchema = "", string required = "[]") => $$$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.test.io
        spec:
          group: test.io
          scope: Cluster
          names: {kind: Widget, plural: widgets, singular: widget}
          versions:
            - name: v1
              served: true
              storage: true
              subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}
              schema:
                openAPIV3Schema:
                  description: A widget.
                  type: object
                  properties:
                    spec:
                      type: object
                      required: {{{required}}}
                      properties:
        {{{Indent(specProperties, 20)}}}
        {{{extraSchema}}}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    private static VersionModel ReadOne(string yaml)
    {
        var read = ModelGenerator.Read("widget.yaml", yaml, Ns);
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity != ModelDiagnosticSeverity.Info);
        return Assert.Single(read.Versions);
    }

    private static PropertyModel Property(VersionModel model, string type, string json) =>
        model.Objects.Single(o => o.Name == type).Properties.Single(p => p.JsonName == json);

    [Fact]
    public void Scalar_types_are_mapped()
    {
        var model = ReadOne(Crd("""
            name: {type: string}
            when: {type: string, format: date-time}
            data: {type: string, format: byte}
            small: {type: integer, format: int32}
            big: {type: integer}
            ratio: {type: number}
            on: {type: boolean}
            port: {x-kubernetes-int-or-string: true}
            port2: {anyOf: [{type: integer}, {type: string}]}
            free: {type: object, x-kubernetes-preserve-unknown-fields: true}
            embedded: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
            anything: {x-kubernetes-preserve-unknown-fields: true}
            """));
        var expected = new Dictionary<string, TypeRefKind>
        {
            ["name"] = TypeRefKind.String,
            ["when"] = TypeRefKind.DateTime,
            ["data"] = TypeRefKind.Bytes,
            ["small"] = TypeRefKind.Int32,
            ["big"] = TypeRefKind.Int64,
            ["ratio"] = TypeRefKind.Double,
            ["on"] = TypeRefKind.Boolean,
            ["port"] = TypeRefKind.IntOrString,
            ["port2"] = TypeRefKind.IntOrString,
            ["free"] = TypeRefKind.JsonObject,
            ["embedded"] = TypeRefKind.JsonObject,
            ["anything"] = TypeRefKind.JsonNode,
        };
        foreach (var (json, kind) in expected)
        {
            Assert.Equal(kind, Property(model, "WidgetSpec", json).Type.Kind);
        }
    }

    [Fact]
    public void Nested_types_are_named_after_their_path()
    {
        var model = ReadOne(Crd("""
            tls: {type: object, properties: {secretName: {type: string}}}
            containers: {type: array, items: {type: object, properties: {image: {type: string}}}}
            labels: {type: object, additionalProperties: {type: string}}
            backends: {type: object, additionalProperties: {type: object, properties: {url: {type: string}}}}
            matrix: {type: array, items: {type: array, items: {type: object, properties: {x: {type: integer}}}}}
            """));
        Assert.Equal(new TypeRef(TypeRefKind.Object, "WidgetSpecTls"), Property(model, "WidgetSpec", "tls").Type);
        Assert.Equal(new TypeRef(TypeRefKind.List, Element: new TypeRef(TypeRefKind.Object, "WidgetSpecContainers")), Property(model, "WidgetSpec", "containers").Type);
        Assert.Equal(new TypeRef(TypeRefKind.Map, Element: new TypeRef(TypeRefKind.String)), Property(model, "WidgetSpec", "labels").Type);
        Assert.Equal(new TypeRef(TypeRefKind.Map, Element: new TypeRef(TypeRefKind.Object, "WidgetSpecBackendsValue")), Property(model, "WidgetSpec", "backends").Type);
        Assert.Equal(
            new TypeRef(TypeRefKind.List, Element: new TypeRef(TypeRefKind.List, Element: new TypeRef(TypeRefKind.Object, "WidgetSpecMatrixItem"))),
            Property(model, "WidgetSpec", "matrix").Type);
        Assert.Equal(
            ["WidgetSpec", "WidgetStatus", "WidgetSpecTls", "WidgetSpecContainers", "WidgetSpecBackendsValue", "WidgetSpecMatrixItem"],
            model.Objects.Select(o => o.Name));
    }

    [Fact]
    public void Property_names_are_valid_and_collisions_are_reported()
    {
        var read = ModelGenerator.Read("widget.yaml", Crd("""
            foo-bar: {type: string}
            fooBar: {type: string}
            extensionData: {type: string}
            widgetSpec: {type: string}
            3d: {type: boolean}
            aB: {type: object, properties: {b: {type: string}}}
            a-b: {type: object, properties: {c: {type: string}}}
            """), Ns);
        var spec = Assert.Single(read.Versions).Objects.Single(o => o.Name == "WidgetSpec");
        Assert.Equal(
            ["FooBar", "FooBar2", "ExtensionData2", "WidgetSpec2", "_3d", "AB", "AB2"],
            spec.Properties.Select(p => p.Name));
        Assert.Equal(new TypeRef(TypeRefKind.Object, "WidgetSpecAB2"), spec.Properties.Single(p => p.JsonName == "a-b").Type);
        var renamed = read.Diagnostics.Where(d => d.Id == ModelDiagnosticIds.PropertyRenamed).ToList();
        Assert.Equal(4, renamed.Count);
        Assert.All(renamed, d => Assert.Equal(ModelDiagnosticSeverity.Info, d.Severity));
        Assert.Contains(renamed, d => d.Message.Contains("'fooBar'", StringComparison.Ordinal) && d.Line > 1);
        var typeRenamed = Assert.Single(read.Diagnostics, d => d.Id == ModelDiagnosticIds.TypeRenamed);
        Assert.Contains("WidgetSpecAB2", typeRenamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_properties_are_not_nullable_and_defaults_are_documented()
    {
        var output = ModelGenerator.Generate("widget.yaml", Crd(
            """
            image: {type: string, description: "The <image> & tag."}
            replicas: {type: integer, format: int32, default: 1}
            """,
            required: "[image]"), Ns);
        var source = Assert.Single(output.Sources).Source;
        Assert.Contains("public string Image { get; set; } = string.Empty;", source, StringComparison.Ordinal);
        Assert.Contains("public int? Replicas { get; set; }", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The &lt;image&gt; &amp; tag.</summary>", source, StringComparison.Ordinal);
        Assert.Contains("Default: <c>1</c>", source, StringComparison.Ordinal);
        Assert.DoesNotContain("= 1;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_and_named_by_group_version_kind()
    {
        var yaml = Crd("tls: {type: object, properties: {a: {type: string}}}");
        var first = ModelGenerator.Generate("widget.yaml", yaml, Ns);
        var second = ModelGenerator.Generate("widget.yaml", yaml, Ns);
        Assert.Equal(first, second);
        var source = Assert.Single(first.Sources);
        Assert.Equal("test.io.v1.Widget.g.cs", source.HintName);
        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", source.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_storage_versions_go_in_a_sub_namespace()
    {
        var yaml = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            spec:
              group: test.io
              scope: Namespaced
              names: {kind: Widget, plural: widgets}
              versions:
                - name: v1beta1
                  served: true
                  storage: false
                  schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {a: {type: string}}}}}}
                - name: v1
                  served: true
                  storage: true
                  schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {b: {type: string}}}}}}
            """;
        var output = ModelGenerator.Generate("widget.yaml", yaml, Ns);
        Assert.Equal(["test.io.v1beta1.Widget.g.cs", "test.io.v1.Widget.g.cs"], output.Sources.Select(s => s.HintName));
        GeneratedAssembly.Use(output.Sources, assembly =>
        {
            Assert.NotNull(assembly.GetType("Test.Models.V1beta1.Widget"));
            Assert.NotNull(assembly.GetType("Test.Models.Widget"));
        });
    }

    [Fact]
    public void A_type_that_is_not_an_OpenAPI_type_is_ORK104_and_a_JsonNode()
    {
        var yaml = Crd("""
            size: {type: int}
            """);

        var output = ModelGenerator.Generate("widget.yaml", yaml, Ns);

        var diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal((ModelDiagnosticIds.UnknownSchemaType, ModelDiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal("The schema type 'int' is not an OpenAPI type; the property is a JsonNode", diagnostic.Message);
        Assert.Equal(TypeRefKind.JsonNode, Property(ModelGenerator.Read("widget.yaml", yaml, Ns).Versions[0], "WidgetSpec", "size").Type.Kind);
    }

    [Fact]
    public void Not_a_crd_is_reported()
    {
        var output = ModelGenerator.Generate("bad.yaml", "kind: CustomResourceDefinition\nspec: {group: a}\n", Ns);
        Assert.Empty(output.Sources);
        var diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal(ModelDiagnosticIds.NotACrd, diagnostic.Id);
        Assert.Equal(("bad.yaml", 2), (diagnostic.Path, diagnostic.Line));
    }

    [Fact]
    public void Generated_resource_round_trips_and_has_its_resource_type()
    {
        var yaml = Crd(
            """
            image: {type: string}
            replicas: {type: integer, format: int32}
            port: {x-kubernetes-int-or-string: true}
            mode: {type: string, enum: [Fast, slow-mode]}
            modes: {type: array, items: {type: string, enum: [A, B]}}
            when: {type: string, format: date-time}
            data: {type: string, format: byte}
            ratio: {type: number}
            tls: {type: object, properties: {secretName: {type: string}}}
            containers: {type: array, items: {type: object, required: [name], properties: {name: {type: string}, on: {type: boolean}}}}
            labels: {type: object, additionalProperties: {type: string}}
            matrix: {type: array, items: {type: array, items: {type: integer}}}
            free: {type: object, x-kubernetes-preserve-unknown-fields: true}
            anything: {x-kubernetes-preserve-unknown-fields: true}
            """,
            extraSchema: "            status: {type: object, properties: {replicas: {type: integer}}}",
            required: "[image]");
        var json = """
            {
              "apiVersion": "test.io/v1",
              "kind": "Widget",
              "metadata": {"name": "w", "labels": {"a": "b"}},
              "spec": {
                "image": "nginx",
                "replicas": 2,
                "port": "http",
                "mode": "other",
                "modes": ["A", "C"],
                "when": "2024-05-01T10:20:30Z",
                "data": "aGVsbG8=",
                "ratio": 0.5,
                "tls": {"secretName": "s", "unknown": [1, null]},
                "containers": [{"name": "c", "on": true}],
                "labels": {"x": "y"},
                "matrix": [[1, 2], []],
                "free": {"any": {"thing": 1}},
                "anything": "text",
                "undeclared": {"kept": true}
              },
              "status": {"replicas": 2},
              "topLevel": 1
            }
            """;
        GeneratedAssembly.Use(ModelGenerator.Generate("widget.yaml", yaml, Ns).Sources, assembly =>
        {
            var type = assembly.GetType("Test.Models.Widget")!;
            var widget = JsonSerializer.Deserialize(json, type)!;
            var written = JsonSerializer.Serialize(widget, type);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);

            var resourceType = (ResourceType)type.GetProperty("ResourceType", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Assert.Equal(
                new ResourceType("test.io", "v1", "Widget", "widgets")
                {
                    Singular = "widget",
                    Namespaced = false,
                    Subresources = ResourceSubresources.Status | ResourceSubresources.Scale,
                },
                resourceType);

            var fresh = (ICustomResource)Activator.CreateInstance(type)!;
            Assert.Equal(("test.io/v1", "Widget"), (fresh.ApiVersion, fresh.Kind));

            var spec = type.GetProperty("Spec")!.GetValue(widget)!;
            var mode = spec.GetType().GetProperty("Mode")!.GetValue(spec)!;
            Assert.Equal("other", mode.ToString());
            var fast = mode.GetType().GetProperty("Fast", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Assert.Equal("Fast", fast.ToString());
            Assert.NotNull(mode.GetType().GetProperty("SlowMode", BindingFlags.Public | BindingFlags.Static));

            var listType = assembly.GetType("Test.Models.WidgetList")!;
            var listJson = """{"apiVersion":"test.io/v1","kind":"WidgetList","metadata":{"resourceVersion":"1"},"items":[{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"name":"a"},"spec":{"image":"x"}}]}""";
            var list = JsonSerializer.Deserialize(listJson, listType)!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(listJson), JsonNode.Parse(JsonSerializer.Serialize(list, listType))));
        });
    }

    [Theory]
    [InlineData("""{"spec":{"image":"x","replicas":"two"}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"image":"x","replicas":2.5}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"image":"x","replicas":9999999999}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"image":"x","on":"yes"}}""", "$.spec.on")]
    [InlineData("""{"spec":{"image":"x","when":"yesterday"}}""", "$.spec.when")]
    [InlineData("""{"spec":{"image":"x","tls":[1]}}""", "$.spec.tls")]
    [InlineData("""{"spec":{"image":"x","names":{"a":1}}}""", "$.spec.names")]
    [InlineData("""{"spec":{"image":"x","labels":{"a":1}}}""", "$.spec.labels.a")]
    [InlineData("""{"spec":{"image":["x"]}}""", "$.spec.image")]
    [InlineData("""{"metadata":{"name":1},"spec":{"image":"x"}}""", "$.metadata.name")]
    public void A_value_of_the_wrong_type_is_a_JsonException_naming_its_path(string json, string path)
    {
        var yaml = Crd(
            """
            image: {type: string}
            replicas: {type: integer, format: int32}
            on: {type: boolean}
            when: {type: string, format: date-time}
            tls: {type: object, properties: {secretName: {type: string}}}
            names: {type: array, items: {type: string}}
            labels: {type: object, additionalProperties: {type: string}}
            """);
        GeneratedAssembly.Use(ModelGenerator.Generate("widget.yaml", yaml, Ns).Sources, assembly =>
        {
            var type = assembly.GetType("Test.Models.Widget")!;
            var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type));
            Assert.Equal(path, exception.Path);
            Assert.EndsWith(" Path: " + path + ".", exception.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Enum_members_are_valid_unique_identifiers()
    {
        var model = ReadOne(Crd("""
            policy: {type: string, enum: ["", "*", Always, always, "on-failure", Always, ToString]}
            level: {type: integer, enum: [1, 2]}
            """));
        var policy = Assert.Single(model.Enums);
        Assert.Equal("WidgetSpecPolicy", policy.Name);
        Assert.Equal(
            [("Empty", ""), ("Empty2", "*"), ("Always", "Always"), ("Always2", "always"), ("OnFailure", "on-failure"), ("ToString2", "ToString")],
            policy.Members.Select(m => (m.Name, m.Value)));
        Assert.Equal(TypeRefKind.Int64, Property(model, "WidgetSpec", "level").Type.Kind);
    }

    [Fact]
    public void Schema_without_status_still_has_a_status_class_and_models_are_equatable()
    {
        var yaml = Crd("a: {type: string}");
        var first = ModelGenerator.Read("widget.yaml", yaml, Ns);
        Assert.Equal(first, ModelGenerator.Read("widget.yaml", yaml, Ns));
        var status = Assert.Single(first.Versions).Objects.Single(o => o.Name == "WidgetStatus");
        Assert.Empty(status.Properties);
    }
}
