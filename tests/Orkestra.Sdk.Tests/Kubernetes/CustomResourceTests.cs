using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Kubernetes;

public class CustomResourceTests
{
    private const string Website = """
        {
          "apiVersion": "tests.orkestra.dev/v1",
          "kind": "TestWebsite",
          "metadata": {
            "name": "shop",
            "namespace": "default",
            "uid": "b8f3c1d2-0000-4000-8000-000000000001",
            "resourceVersion": "77",
            "generation": 2,
            "creationTimestamp": "2024-05-01T10:20:30Z",
            "finalizers": ["tests.orkestra.dev/cleanup"]
          },
          "spec": {
            "host": "shop.example.com",
            "replicas": 3,
            "port": "http",
            "unknownSpecField": [true]
          },
          "status": {
            "ready": true,
            "observedGeneration": 2,
            "lastUpdated": "2024-05-01T10:21:00.250000Z"
          },
          "topLevelExtra": {"a": 1}
        }
        """;

    [Fact]
    public void Derived_resource_round_trips()
    {
        var website = JsonSerializer.Deserialize<TestWebsite>(Website)!;

        Assert.Equal("tests.orkestra.dev/v1", website.ApiVersion);
        Assert.Equal("TestWebsite", website.Kind);
        Assert.Equal("shop", website.Metadata.Name);
        Assert.Equal(2, website.Metadata.Generation);
        Assert.Equal("shop.example.com", website.Spec.Host);
        Assert.Equal(3, website.Spec.Replicas);
        Assert.Equal("http", website.Spec.Port);
        Assert.True(website.Status!.Ready);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 21, 0, 250, TimeSpan.Zero), website.Status.LastUpdated);
        Assert.NotNull(website.ExtensionData?["topLevelExtra"]);

        var written = JsonSerializer.Serialize(website);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Website), JsonNode.Parse(written)), $"The written resource differs:\n{written}");
    }

    [Fact]
    public void New_resource_has_defaults_and_no_status()
    {
        var website = new TestWebsite { Metadata = { Name = "new" }, Spec = { Host = "h", Port = 8080 } };
        ICustomResource<TestWebsiteSpec, TestWebsiteStatus> typed = website;
        Assert.Null(typed.Status);
        Assert.Equal("h", typed.Spec.Host);

        Assert.Equal(
            """{"apiVersion":"tests.orkestra.dev/v1","kind":"TestWebsite","metadata":{"name":"new"},"spec":{"host":"h","port":8080}}""",
            JsonSerializer.Serialize(website));
    }

    [Fact]
    public void Missing_spec_and_null_metadata_give_defaults()
    {
        var website = JsonSerializer.Deserialize<TestWebsite>("""{"apiVersion":"tests.orkestra.dev/v1","kind":"TestWebsite","metadata":null,"status":null}""")!;
        Assert.NotNull(website.Metadata);
        Assert.NotNull(website.Spec);
        Assert.Null(website.Status);
        Assert.Null(website.ExtensionData);
    }

    [JsonConverter(typeof(TestWebsiteConverter))]
    public sealed class TestWebsite : CustomResource<TestWebsiteSpec, TestWebsiteStatus>, IResourceTypeProvider
    {
        public TestWebsite()
        {
            ApiVersion = ResourceType.ApiVersion;
            Kind = ResourceType.Kind;
        }

        public static ResourceType ResourceType { get; } =
            new("tests.orkestra.dev", "v1", "TestWebsite", "testwebsites") { Subresources = ResourceSubresources.Status };
    }

    public sealed class TestWebsiteSpec
    {
        public string? Host { get; set; }

        public int? Replicas { get; set; }

        public IntOrString Port { get; set; }

        public JsonObject? ExtensionData { get; set; }
    }

    public sealed class TestWebsiteStatus
    {
        public bool? Ready { get; set; }

        public long? ObservedGeneration { get; set; }

        public DateTimeOffset? LastUpdated { get; set; }
    }

    // What a generated converter looks like, written by hand.
    private sealed class TestWebsiteConverter : JsonConverter<TestWebsite>
    {
        public override TestWebsite Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            CustomResourceJson.ReadStartObject(ref reader, nameof(TestWebsite));
            var website = new TestWebsite();
            while (CustomResourceJson.ReadProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "spec":
                        website.Spec = reader.TokenType == JsonTokenType.Null ? new() : ReadSpec(ref reader, options);
                        break;
                    case "status":
                        website.Status = reader.TokenType == JsonTokenType.Null ? null : ReadStatus(ref reader);
                        break;
                    default:
                        CustomResourceJson.ReadCommonOrExtension(ref reader, name, website, options);
                        break;
                }
            }

            return website;
        }

        public override void Write(Utf8JsonWriter writer, TestWebsite value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            CustomResourceJson.WriteCommonProperties(writer, value, options);

            writer.WriteStartObject("spec");
            if (value.Spec.Host is { } host)
            {
                writer.WriteString("host", host);
            }

            if (value.Spec.Replicas is { } replicas)
            {
                writer.WriteNumber("replicas", replicas);
            }

            writer.WritePropertyName("port");
            IntOrStringJsonConverter.Instance.Write(writer, value.Spec.Port, options);
            CustomResourceJson.WriteExtensionData(writer, value.Spec.ExtensionData);
            writer.WriteEndObject();

            if (value.Status is { } status)
            {
                writer.WriteStartObject("status");
                if (status.Ready is { } ready)
                {
                    writer.WriteBoolean("ready", ready);
                }

                if (status.ObservedGeneration is { } observed)
                {
                    writer.WriteNumber("observedGeneration", observed);
                }

                if (status.LastUpdated is { } updated)
                {
                    writer.WriteString("lastUpdated", KubernetesTime.Format(updated));
                }

                writer.WriteEndObject();
            }

            CustomResourceJson.WriteExtensionData(writer, value.ExtensionData);
            writer.WriteEndObject();
        }

        private static TestWebsiteSpec ReadSpec(ref Utf8JsonReader reader, JsonSerializerOptions options)
        {
            CustomResourceJson.ReadStartObject(ref reader, "spec");
            var spec = new TestWebsiteSpec();
            while (CustomResourceJson.ReadProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "host":
                        spec.Host = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "replicas":
                        spec.Replicas = CustomResourceJson.ReadInt32(ref reader, name);
                        break;
                    case "port":
                        spec.Port = IntOrStringJsonConverter.Instance.Read(ref reader, typeof(IntOrString), options);
                        break;
                    default:
                        spec.ExtensionData = CustomResourceJson.AddExtension(ref reader, name, spec.ExtensionData);
                        break;
                }
            }

            return spec;
        }

        private static TestWebsiteStatus ReadStatus(ref Utf8JsonReader reader)
        {
            CustomResourceJson.ReadStartObject(ref reader, "status");
            var status = new TestWebsiteStatus();
            while (CustomResourceJson.ReadProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "ready":
                        status.Ready = CustomResourceJson.ReadBoolean(ref reader, name);
                        break;
                    case "observedGeneration":
                        status.ObservedGeneration = CustomResourceJson.ReadInt64(ref reader, name);
                        break;
                    case "lastUpdated":
                        status.LastUpdated = CustomResourceJson.ReadTime(ref reader, name);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return status;
        }
    }
}
