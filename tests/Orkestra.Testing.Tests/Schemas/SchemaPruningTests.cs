using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Tests.Schemas;

public sealed class SchemaPruningTests
{
    private static readonly StructuralSchema Schema = StructuralSchema.Parse(TestJson.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "replicas": {"type": "integer"},
                "port": {"x-kubernetes-int-or-string": true},
                "ports": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
                "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"known": {"type": "object", "properties": {"a": {"type": "string"}}}}},
                "backends": {"type": "object", "additionalProperties": {"type": "object", "properties": {"weight": {"type": "integer"}}}},
                "anything": {"type": "object", "additionalProperties": true},
                "template": {"type": "object", "x-kubernetes-embedded-resource": true, "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string"}}}}},
                "raw": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true}
              }
            }
          }
        }
        """));

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { """{"replicas": 1, "foo": 2}""", """{"replicas": 1}""", ["spec.foo"] },
        { """{"port": "http"}""", """{"port": "http"}""", [] },
        { """{"ports": [{"name": "a", "bad": 1}, {"name": "b", "worse": {"x": 1}}]}""", """{"ports": [{"name": "a"}, {"name": "b"}]}""", ["spec.ports[0].bad", "spec.ports[1].worse"] },
        {
            """{"config": {"free": {"deep": [1, {"x": 2}]}, "known": {"a": "1", "b": "2"}}}""",
            """{"config": {"free": {"deep": [1, {"x": 2}]}, "known": {"a": "1"}}}""",
            ["spec.config.known.b"]
        },
        { """{"backends": {"x": {"weight": 1, "color": "red"}}}""", """{"backends": {"x": {"weight": 1}}}""", ["spec.backends.x.color"] },
        { """{"anything": {"a": {"b": 1}}}""", """{"anything": {"a": {"b": 1}}}""", [] },
        {
            """{"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": "b"}}, "spec": {"x": "1", "y": "2"}, "status": {}}}""",
            """{"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": "b"}}, "spec": {"x": "1"}}}""",
            ["spec.template.spec.y", "spec.template.status"]
        },
        { """{"raw": {"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}}}""", """{"raw": {"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}}}""", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prunes_unknown_fields_and_reports_their_paths(string spec, string expected, string[] pruned)
    {
        var cr = TestJson.Resource(spec);

        var paths = Schema.Prune(cr);

        Assert.Equal(pruned, paths);
        TestJson.Equal(expected, cr["spec"]);
        TestJson.Equal("""{"name": "x", "labels": {"a": "b"}}""", cr["metadata"]);
        Assert.Equal("Website", (string?)cr["kind"]);
    }

    [Fact]
    public void Top_level_fields_the_schema_lacks_are_pruned_but_apiVersion_kind_and_metadata_are_kept()
    {
        var cr = TestJson.Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x"}, "status": {"phase": "Ready"}, "spec": {}}""");

        Assert.Equal(["status"], Schema.Prune(cr));
        TestJson.Equal("""{"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x"}, "spec": {}}""", cr);
    }

    [Fact]
    public void Strict_and_warn_messages_name_the_unknown_fields()
    {
        var cr = TestJson.Parse("""{"spec": {"foo": 1, "ports": [{"bar": 2}]}}""");
        var pruned = Schema.Prune(cr);

        Assert.Equal("strict decoding error: unknown field \"spec.foo\", unknown field \"spec.ports[0].bar\"", ValidationMessages.StrictDecodingError(pruned));
        Assert.Equal(["unknown field \"spec.foo\"", "unknown field \"spec.ports[0].bar\""], pruned.Select(ValidationMessages.UnknownField));
    }

    [Fact]
    public void Pruning_a_pruned_object_changes_nothing()
    {
        var cr = TestJson.Parse("""{"spec": {"replicas": 1, "foo": {"bar": 1}, "config": {"x": 1}}}""");
        Schema.Prune(cr);
        var once = cr.DeepClone();

        Assert.Empty(Schema.Prune(cr));
        TestJson.Equal(once, cr);
    }
}
