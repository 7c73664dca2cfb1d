using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Tests.Schemas;

public sealed class SchemaValidationTests
{
    private static readonly StructuralSchema Website = StructuralSchema.Parse(TestJson.Parse("""
        {
          "type": "object",
          "required": ["spec"],
          "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 10}}},
            "spec": {
              "type": "object",
              "required": ["image"],
              "properties": {
                "replicas": {"type": "integer", "minimum": 1, "maximum": 10},
                "image": {"type": "string", "minLength": 3, "maxLength": 20, "pattern": "^[a-z:./0-9-]+$"},
                "mode": {"type": "string", "enum": ["fast", "slow"]},
                "level": {"type": "integer", "enum": [1, 2]},
                "ratio": {"type": "number", "maximum": 1, "exclusiveMaximum": true, "minimum": 0, "exclusiveMinimum": true, "multipleOf": 0.25},
                "port": {"x-kubernetes-int-or-string": true},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3, "x-kubernetes-list-type": "set"},
                "ports": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "port": {"type": "integer"}}}
                },
                "labels": {"type": "object", "maxProperties": 2, "minProperties": 1, "additionalProperties": {"type": "string"}},
                "enabled": {"type": "boolean"},
                "nick": {"type": "string", "nullable": true},
                "created": {"type": "string", "format": "date-time"},
                "uid": {"type": "string", "format": "uuid"},
                "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
                "choice": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
                "prefixed": {"type": "string", "anyOf": [{"pattern": "^a"}, {"pattern": "^b"}]},
                "notEmpty": {"type": "string", "not": {"enum": [""]}},
                "bounded": {"type": "integer", "allOf": [{"minimum": 0}, {"maximum": 5}]},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
              }
            }
          }
        }
        """));

    public static TheoryData<string, string[]> Cases => new()
    {
        { """{"replicas": 3}""", [] },
        { """{"replicas": "3"}""", ["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""] },
        { """{"replicas": 2.5}""", ["spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\""] },
        { """{"replicas": 0}""", ["spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1"] },
        { """{"replicas": 11}""", ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"] },
        { """{"image": "ab"}""", ["spec.image: Invalid value: \"ab\": spec.image in body should be at least 3 chars long"] },
        { """{"image": "registry.example.com/web:1"}""", ["spec.image: Too long: may not be more than 20 bytes"] },
        { """{"image": "NGINX"}""", ["spec.image: Invalid value: \"NGINX\": spec.image in body should match '^[a-z:./0-9-]+$'"] },
        { """{"mode": "medium"}""", ["spec.mode: Unsupported value: \"medium\": supported values: \"fast\", \"slow\""] },
        { """{"level": 3}""", ["spec.level: Unsupported value: 3: supported values: \"1\", \"2\""] },
        { """{"ratio": 1}""", ["spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1"] },
        { """{"ratio": 0}""", ["spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0"] },
        { """{"ratio": 0.3}""", ["spec.ratio: Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25"] },
        { """{"ratio": 0.75}""", [] },
        { """{"port": 80}""", [] },
        { """{"port": "http"}""", [] },
        {
            """{"port": true}""",
            [
                "<nil>: Invalid value: \"\": \"spec.port\" must validate at least one schema (anyOf)",
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer: \"boolean\"",
            ]
        },
        { """{"tags": []}""", ["spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"] },
        { """{"tags": ["a", "b", "c", "d"]}""", ["spec.tags: Too many: 4: must have at most 3 items"] },
        { """{"tags": ["a", "a"]}""", ["spec.tags[1]: Duplicate value: \"a\""] },
        { """{"ports": [{"name": "http", "port": 80}, {"name": "http", "port": 81}]}""", ["spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"http\"}"] },
        { """{"ports": [{"port": 80}]}""", ["spec.ports[0].name: Required value"] },
        { """{"ports": [{"name": "http", "port": "80"}]}""", ["spec.ports[0].port: Invalid value: \"string\": spec.ports[0].port in body must be of type integer: \"string\""] },
        { """{"labels": {"a": 1}}""", ["spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\""] },
        { """{"labels": {"a": "1", "b": "2", "c": "3"}}""", ["spec.labels: Too many: 3: must have at most 2 items"] },
        { """{"labels": {}}""", ["spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties"] },
        { """{"enabled": null}""", ["spec.enabled: Invalid value: \"null\": spec.enabled in body must be of type boolean: \"null\""] },
        { """{"enabled": "yes"}""", ["spec.enabled: Invalid value: \"string\": spec.enabled in body must be of type boolean: \"string\""] },
        { """{"nick": null}""", [] },
        { """{"created": "2024-05-01T10:00:00Z"}""", [] },
        { """{"created": "yesterday"}""", ["spec.created: Invalid value: \"yesterday\": spec.created in body must be of type date-time: \"yesterday\""] },
        { """{"uid": "not-a-uuid"}""", ["spec.uid: Invalid value: \"not-a-uuid\": spec.uid in body must be of type uuid: \"not-a-uuid\""] },
        { """{"template": {"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}}}""", [] },
        { """{"template": {"apiVersion": "v1"}}""", ["spec.template.kind: Required value: must not be empty"] },
        { """{"template": {"apiVersion": "", "kind": 3}}""", ["spec.template.apiVersion: Invalid value: \"\": must not be empty", "spec.template.kind: Invalid value: 3: must be a string"] },
        { """{"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {"a": 1}}}}""", ["spec.template.metadata.labels.a: Invalid value: 1: must be a string"] },
        { """{"choice": {"a": "x"}}""", [] },
        { """{"choice": {}}""", ["<nil>: Invalid value: \"\": \"spec.choice\" must validate one and only one schema (oneOf). Found none valid", "spec.choice.a: Required value"] },
        { """{"choice": {"a": "x", "b": "y"}}""", ["<nil>: Invalid value: \"\": \"spec.choice\" must validate one and only one schema (oneOf). Found 2 valid alternatives"] },
        { """{"prefixed": "bee"}""", [] },
        { """{"prefixed": "cat"}""", ["<nil>: Invalid value: \"\": \"spec.prefixed\" must validate at least one schema (anyOf)", "spec.prefixed: Invalid value: \"cat\": spec.prefixed in body should match '^a'"] },
        { """{"bounded": 3}""", [] },
        {
            """{"bounded": 9}""",
            [
                "spec.bounded: Invalid value: 9: spec.bounded in body should be less than or equal to 5",
                "<nil>: Invalid value: \"\": \"spec.bounded\" must validate all the schemas (allOf)",
            ]
        },
        { """{"notEmpty": ""}""", ["<nil>: Invalid value: \"\": \"spec.notEmpty\" must not validate the schema (not)"] },
        { """{"extra": {"anything": [1, {"goes": true}]}}""", [] },
        { """{"unknown": {"is": "not an error"}}""", [] },
        {
            """{"replicas": "x", "mode": "medium"}""",
            [
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
                "spec.mode: Unsupported value: \"medium\": supported values: \"fast\", \"slow\"",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validates_spec_fields_in_the_api_servers_words(string spec, string[] expected)
    {
        var cr = TestJson.Resource(spec);
        if (cr["spec"]!.AsObject()["image"] is null)
        {
            cr["spec"]!["image"] = "nginx";
        }

        var errors = Website.Validate(cr);

        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("""{"replicas": "3"}""", "FieldValueTypeInvalid")]
    [InlineData("""{"replicas": 0}""", "FieldValueInvalid")]
    [InlineData("""{"mode": "x"}""", "FieldValueNotSupported")]
    [InlineData("""{"tags": ["a", "a"]}""", "FieldValueDuplicate")]
    [InlineData("""{"tags": ["a", "b", "c", "d"]}""", "FieldValueTooMany")]
    [InlineData("""{"image": "registry.example.com/web:1"}""", "FieldValueTooLong")]
    [InlineData("""{"ports": [{"port": 1}]}""", "FieldValueRequired")]
    public void Each_error_has_the_cause_type_of_the_api_server(string spec, string reason)
    {
        var cr = TestJson.Resource(spec);
        cr["spec"]!["image"] ??= "nginx";

        var error = Assert.Single(Website.Validate(cr));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Required_top_level_fields_and_metadata_name_constraints_are_checked_but_apiVersion_and_kind_are_not()
    {
        var cr = TestJson.Parse("""{"apiVersion": 1, "kind": [], "metadata": {"name": "much-too-long-name", "labels": {"x": "y"}}}""");

        var errors = Website.Validate(cr).Select(e => e.ToString());

        Assert.Equal(["metadata.name: Too long: may not be more than 10 bytes", "spec: Required value"], errors);
    }

    [Fact]
    public void The_invalid_message_lists_several_errors_in_brackets_and_one_without()
    {
        var cr = TestJson.Parse("""{"metadata": {"name": "x"}, "spec": {"replicas": "3", "mode": "medium", "image": "nginx"}}""");
        var errors = Website.Validate(cr);

        Assert.Equal(
            "Website.example.com \"x\" is invalid: [spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\", spec.mode: Unsupported value: \"medium\": supported values: \"fast\", \"slow\"]",
            ValidationMessages.Invalid("Website.example.com", "x", errors));
        Assert.Equal(
            "Website.example.com \"x\" is invalid: spec.mode: Unsupported value: \"medium\": supported values: \"fast\", \"slow\"",
            ValidationMessages.Invalid("Website.example.com", "x", [errors[1], errors[1]]));
        Assert.Equal("Website.example.com \"x\" is invalid", ValidationMessages.Invalid("Website.example.com", "x", []));
    }

    [Fact]
    public void Bad_values_are_printed_as_go_prints_them()
    {
        var schema = StructuralSchema.Parse(TestJson.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {
              "list": {"type": "array", "items": {"type": "object"}, "x-kubernetes-list-type": "set"},
              "text": {"type": "string", "pattern": "^x$"},
              "big": {"type": "number", "maximum": 1000000}
            }}}}
            """));
        var cr = TestJson.Parse("""{"spec": {"list": [{"b": [1, "two"], "a": null}, {"a": null, "b": [1, "two"]}], "text": "line\nbreak \"quoted\"", "big": 1500000.5}}""");

        var errors = schema.Validate(cr).Select(e => e.ToString());

        Assert.Equal(
            [
                "spec.text: Invalid value: \"line\\nbreak \\\"quoted\\\"\": spec.text in body should match '^x$'",
                "spec.big: Invalid value: 1.5000005e+06: spec.big in body should be less than or equal to 1e+06",
                "spec.list[1]: Duplicate value: map[string]interface {}{\"a\":interface {}(nil), \"b\":[]interface {}{1, \"two\"}}",
            ],
            errors);
    }

    [Fact]
    public void Parse_rejects_malformed_keywords_and_bad_patterns()
    {
        var type = Assert.Throws<ArgumentException>(() => StructuralSchema.Parse(TestJson.Parse("""{"type": 3}""")));
        Assert.Equal("openAPIV3Schema.type must be a string", type.Message);

        var pattern = Assert.Throws<ArgumentException>(() => StructuralSchema.Parse(TestJson.Parse("""{"properties": {"a": {"type": "string", "pattern": "(["}}}""")));
        Assert.StartsWith("openAPIV3Schema.properties[a].pattern: \"([\" is not a valid regular expression", pattern.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_objects_validate_quickly_with_patterns_compiled_once()
    {
        var cr = TestJson.Parse("""{"spec": {"image": "nginx", "replicas": 3, "tags": ["a", "b"], "ports": [{"name": "http", "port": 80}], "labels": {"a": "b"}, "port": "http"}}""");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Empty(Website.Validate(cr));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"10,000 validations took {watch.Elapsed}");
    }
}
