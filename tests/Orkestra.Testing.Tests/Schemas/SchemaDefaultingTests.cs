using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Tests.Schemas;

public sealed class SchemaDefaultingTests
{
    private static readonly StructuralSchema Schema = StructuralSchema.Parse(TestJson.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "replicas": {"type": "integer", "default": 1},
                "paused": {"type": "boolean", "default": false},
                "nick": {"type": "string", "nullable": true, "default": "none"},
                "resources": {"type": "object", "properties": {"cpu": {"type": "string", "default": "100m"}}},
                "probe": {"type": "object", "default": {}, "properties": {"path": {"type": "string", "default": "/healthz"}, "port": {"type": "integer", "default": 8080}}},
                "ports": {
                  "type": "array",
                  "items": {"type": "object", "properties": {"name": {"type": "string"}, "protocol": {"type": "string", "default": "TCP"}}}
                },
                "weights": {"type": "array", "items": {"type": "integer", "default": 5}},
                "backends": {
                  "type": "object",
                  "additionalProperties": {"type": "object", "properties": {"weight": {"type": "integer", "default": 10}, "tls": {"type": "boolean", "default": true}}}
                },
                "limits": {"type": "object", "additionalProperties": {"type": "string", "default": "unlimited"}},
                "nothing": {"type": "string", "default": null}
              }
            },
            "status": {"type": "object", "properties": {"phase": {"type": "string", "default": "Pending"}}}
          }
        }
        """));

    public static TheoryData<string, string> Cases => new()
    {
        // Absent properties get their defaults; objects that are absent are not created.
        { "{}", """{"replicas": 1, "paused": false, "nick": "none", "probe": {"path": "/healthz", "port": 8080}}""" },
        // Present values stay; defaults inside a default are applied.
        { """{"replicas": 3, "probe": {"port": 9090}}""", """{"replicas": 3, "paused": false, "nick": "none", "probe": {"port": 9090, "path": "/healthz"}}""" },
        // null where null is not allowed is defaulted; where it is allowed, kept.
        { """{"replicas": null, "nick": null}""", """{"replicas": 1, "nick": null, "paused": false, "probe": {"path": "/healthz", "port": 8080}}""" },
        // Inside an object that exists.
        { """{"resources": {}}""", """{"resources": {"cpu": "100m"}, "replicas": 1, "paused": false, "nick": "none", "probe": {"path": "/healthz", "port": 8080}}""" },
        // In every array item, and for null items.
        {
            """{"ports": [{"name": "http"}, {"name": "dns", "protocol": "UDP"}], "weights": [1, null]}""",
            """{"ports": [{"name": "http", "protocol": "TCP"}, {"name": "dns", "protocol": "UDP"}], "weights": [1, 5], "replicas": 1, "paused": false, "nick": "none", "probe": {"path": "/healthz", "port": 8080}}"""
        },
        // In every map value, and for null map values.
        {
            """{"backends": {"a": {}, "b": {"weight": 1, "tls": false}}, "limits": {"cpu": null, "memory": "1Gi"}}""",
            """{"backends": {"a": {"weight": 10, "tls": true}, "b": {"weight": 1, "tls": false}}, "limits": {"cpu": "unlimited", "memory": "1Gi"}, "replicas": 1, "paused": false, "nick": "none", "probe": {"path": "/healthz", "port": 8080}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies_defaults_where_the_parent_exists(string spec, string expected)
    {
        var cr = TestJson.Resource(spec);

        Schema.ApplyDefaults(cr);

        TestJson.Equal(expected, cr["spec"]);
    }

    [Fact]
    public void Top_level_objects_are_defaulted_only_when_present()
    {
        var cr = TestJson.Parse("""{"metadata": {"name": "x"}}""");

        Schema.ApplyDefaults(cr);

        TestJson.Equal("""{"metadata": {"name": "x"}}""", cr);
    }

    [Fact]
    public void Defaulting_twice_changes_nothing_more()
    {
        var cr = TestJson.Parse("""{"spec": {"ports": [{}], "backends": {"a": {}}}, "status": {}}""");
        Schema.ApplyDefaults(cr);
        var once = cr.DeepClone();

        Schema.ApplyDefaults(cr);

        TestJson.Equal(once, cr);
        Assert.Equal("Pending", (string?)cr["status"]!["phase"]);
    }

    [Fact]
    public void Defaults_are_copies_not_shared_nodes()
    {
        var first = TestJson.Parse("""{"spec": {}}""");
        var second = TestJson.Parse("""{"spec": {}}""");
        Schema.ApplyDefaults(first);
        Schema.ApplyDefaults(second);

        first["spec"]!["probe"]!["port"] = 1;

        Assert.Equal(8080, (int)second["spec"]!["probe"]!["port"]!);
    }
}
