namespace Orkestra.Testing.Tests.Fixture;

/// <summary>The fixture API users' tests call: apply YAML, read objects back, wait for conditions.</summary>
public class FixtureTests
{
    private const string CrdAndCr = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: websites.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: websites, singular: website, kind: Website}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {type: object, properties: {image: {type: string}, replicas: {type: integer, default: 1}}}
                  status: {type: object, x-kubernetes-preserve-unknown-fields: true}
        ---
        apiVersion: example.com/v1
        kind: Website
        metadata: {name: home}
        spec: {image: nginx}
        """;

    [Fact(Timeout = 30_000)]
    public async Task A_crd_and_its_resource_apply_from_one_text_and_read_back_with_defaults()
    {
        await using var server = await KubeApiServer.StartAsync();

        var applied = await server.ApplyAsync(CrdAndCr);

        Assert.Equal(["CustomResourceDefinition", "Website"], applied.Select(o => (string?)o["kind"]));
        await server.WaitForConditionAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", "websites.example.com", "Established");
        var site = await server.GetAsync("example.com/v1", "Website", "home");
        Assert.Equal(1, (int)site!["spec"]!["replicas"]!);
        Assert.Equal(KubeApiServer.FixtureFieldManager, (string?)site["metadata"]!["managedFields"]![0]!["manager"]);
        Assert.Null(await server.GetAsync("example.com/v1", "Website", "missing"));

        await server.ApplyAsync("apiVersion: example.com/v1\nkind: Website\nmetadata: {name: home}\nspec: {image: httpd}\n");
        Assert.Equal("httpd", (string?)(await server.GetAsync("example.com/v1", "Website", "home"))!["spec"]!["image"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_example_operators_files_apply_over_https_with_a_client_certificate()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        var example = Path.Combine(Support.Repository.Root, "examples", "website");

        await server.ApplyFileAsync(Path.Combine(example, "crd.yaml"));
        var applied = await server.ApplyFileAsync(Path.Combine(example, "cr.yaml"));

        var cr = Assert.Single(applied);
        Assert.Equal("Website", (string?)cr["kind"]);
        using var http = server.CreateHttpClient();
        Assert.True((await http.GetAsync("apis/demo.orkestra.io/v1/namespaces/default/websites")).IsSuccessStatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Waiting_times_out_with_the_last_state_and_bad_input_is_a_clear_error()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForAsync("v1", "ConfigMap", "c", o => o["data"]?["k"]?.GetValue<string>() == "w", timeout: TimeSpan.FromMilliseconds(200)));
        Assert.Contains("\"k\":\"v\"", timeout.Message, StringComparison.Ordinal);

        // A first read slower than the whole timeout still reports the state it read.
        server.RequestLatency = TimeSpan.FromMilliseconds(300);
        var slow = await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForAsync("v1", "ConfigMap", "c", o => o["data"]?["k"]?.GetValue<string>() == "w", timeout: TimeSpan.FromMilliseconds(100)));
        Assert.Contains("\"k\":\"v\"", slow.Message, StringComparison.Ordinal);
        server.RequestLatency = TimeSpan.Zero;

        var syntax = await Assert.ThrowsAsync<FormatException>(() => server.ApplyAsync("apiVersion: v1\nkind: [ConfigMap\n"));
        Assert.StartsWith("(yaml)(", syntax.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => server.ApplyAsync("apiVersion: example.com/v1\nkind: Website\nmetadata: {name: x}\n"));
        Assert.Contains("apply its CustomResourceDefinition first", unknown.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<InvalidOperationException>(() => server.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n"));
        Assert.Contains("422", invalid.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_servers_kubeconfig_reads_with_the_sdks_kubeconfig_loader()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        var path = Path.Combine(Path.GetTempPath(), "ork-fixture-" + Guid.NewGuid().ToString("N"), "kubeconfig");
        await server.WriteKubeconfigAsync(path);
        try
        {
            var connection = Orkestra.Kubernetes.Configuration.KubeConfig.Load([path]);

            Assert.Equal((KubeApiServer.ContextName, server.Url, "default"), (connection.Context, connection.Server, connection.Namespace));
            Assert.Equal(server.CertificateAuthorityPem, connection.CertificateAuthorityPem);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", connection.ClientCertificatePem, StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", connection.ClientKeyPem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
