using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Testing;

namespace Orkestra.Sdk.Tests.Kubernetes.Client;

/// <summary>What the client tests share: the repository's files, connections to embedded servers, small objects.</summary>
internal static class ClientFixtures
{
    public const string WebsiteApiVersion = "demo.orkestra.io/v1";

    /// <summary>The folder holding Orkestra.Sdk.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The example website CRD (demo.orkestra.io/v1 Website, status subresource, spec.image required).</summary>
    public static string WebsiteCrdPath => Path.Combine(RepoRoot, "examples", "website", "crd.yaml");

    /// <summary>A connection to a plain-HTTP server, without credentials.</summary>
    public static ClusterConnection Connection(KubeApiServer server, string? @namespace = "default") => new("test", server.Url, @namespace);

    /// <summary>A client for a plain-HTTP server, without a rate limit unless asked for.</summary>
    public static KubeClient NewClient(KubeApiServer server, KubeClientOptions? options = null) =>
        new(Connection(server), options ?? new KubeClientOptions { Qps = 0 });

    public static JsonObject ConfigMap(string name, string? @namespace = null, Dictionary<string, string>? labels = null, string value = "v")
    {
        var metadata = new JsonObject { ["name"] = name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["key"] = value } };
    }

    public static JsonObject Website(string name, string? image = "nginx:1.27") => new()
    {
        ["apiVersion"] = WebsiteApiVersion,
        ["kind"] = "Website",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = image is null ? new JsonObject { ["replicas"] = 2 } : new JsonObject { ["image"] = image },
    };

    /// <summary>A temporary folder, deleted on dispose.</summary>
    public static TempFolder Temp() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orkestra.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orkestra-client-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes an executable shell script.</summary>
    public string Script(string name, string body)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A hand-written model of the example Website, with its converter, as generated models have one.</summary>
[JsonConverter(typeof(Converter))]
public sealed class Site : CustomResource<SiteSpec, SiteStatus>, IResourceTypeProvider
{
    public Site()
    {
        ApiVersion = ResourceType.ApiVersion;
        Kind = ResourceType.Kind;
    }

    public static ResourceType ResourceType { get; } = new("demo.orkestra.io", "v1", "Website", "websites") { Subresources = ResourceSubresources.Status };

    internal sealed class Converter : JsonConverter<Site>
    {
        public override Site Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            CustomResourceJson.ReadStartObject(ref reader, "Website");
            var site = new Site();
            while (CustomResourceJson.ReadProperty(ref reader, out var name))
            {
                switch (name)
                {
                    case "spec":
                        var spec = JsonNode.Parse(ref reader) as JsonObject;
                        site.Spec = new SiteSpec { Image = (string?)spec?["image"], Replicas = (int?)spec?["replicas"] };
                        break;
                    case "status":
                        var status = JsonNode.Parse(ref reader) as JsonObject;
                        site.Status = status is null ? null : new SiteStatus { Phase = (string?)status["phase"] };
                        break;
                    default:
                        CustomResourceJson.ReadCommonOrExtension(ref reader, name, site, options);
                        break;
                }
            }

            return site;
        }

        public override void Write(Utf8JsonWriter writer, Site value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            CustomResourceJson.WriteCommonProperties(writer, value, options);
            writer.WriteStartObject("spec");
            if (value.Spec.Image is { } image)
            {
                writer.WriteString("image", image);
            }

            if (value.Spec.Replicas is { } replicas)
            {
                writer.WriteNumber("replicas", replicas);
            }

            writer.WriteEndObject();
            if (value.Status is { } status)
            {
                writer.WriteStartObject("status");
                writer.WriteString("phase", status.Phase);
                writer.WriteEndObject();
            }

            CustomResourceJson.WriteExtensionData(writer, value.ExtensionData);
            writer.WriteEndObject();
        }
    }
}

public sealed class SiteSpec
{
    public string? Image { get; set; }

    public int? Replicas { get; set; }
}

public sealed class SiteStatus
{
    public string? Phase { get; set; }
}
