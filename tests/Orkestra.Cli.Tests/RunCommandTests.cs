using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orkestra.Testing;

namespace Orkestra.Cli.Tests;

/// <summary><c>ork run</c>: the stock runtime against a cluster (here the embedded API server), and its errors.</summary>
public class RunCommandTests
{
    private static string Website(string file) => Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "examples", "website", file);

    [Fact]
    public async Task Run_reconciles_the_katalog_against_the_cluster_of_the_kubeconfig_until_cancelled()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        await server.WriteKubeconfigAsync(kubeconfig);
        await server.ApplyFileAsync(Website("crd.yaml"));
        await server.ApplyFileAsync(Website("cr.yaml"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var port = FreePort();

        var run = Program.RunAsync(["run", "-f", Website("katalog.yaml"), "--kubeconfig", kubeconfig, "--http-port", port.ToString(CultureInfo.InvariantCulture)], stdout, stderr, stop.Token);
        await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "hello", "Ready", timeout: TimeSpan.FromSeconds(30));
        Assert.NotNull(await server.GetAsync("apps/v1", "Deployment", "hello"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using (var ready = await http.GetAsync(new Uri("/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("controller_reconcile_total{crd=\"website\",result=\"success\"}", metrics, StringComparison.Ordinal);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public async Task Run_without_a_katalog_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--file", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    public async Task An_http_port_that_is_not_a_port_is_a_usage_error(string port)
    {
        var result = await CliRunner.RunAsync("run", "-f", Website("katalog.yaml"), "--http-port", port);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--http-port", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_port_in_use_is_an_error_naming_it_and_the_way_out()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        await server.WriteKubeconfigAsync(kubeconfig);
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync("run", "-f", Website("katalog.yaml"), "--kubeconfig", kubeconfig, "--http-port", port);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"port {port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--http-port 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_katalog_with_errors_names_them_and_exits_1()
    {
        using var temp = new TempDirectory();
        var katalog = Path.Combine(temp.Path, "katalog.yaml");
        await File.WriteAllTextAsync(katalog, "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: broken}\nspec:\n  crds:\n    site:\n      crdFile: ./missing.yaml\n");

        var result = await CliRunner.RunAsync("run", "-f", katalog, "--kubeconfig", Path.Combine(temp.Path, "none"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("katalog.yaml(7,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not load", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_katalog_on_the_stock_runtime_names_the_crd_and_how_to_build_its_runtime()
    {
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        var katalog = Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "tests", "PackageConsumer", "katalog.yaml");

        var result = await CliRunner.RunAsync("run", "-f", katalog, "--kubeconfig", kubeconfig);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec.crds.website", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Shop.Operator.ShopHooks", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("[KatalogHooks(\"website\")]", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_that_cannot_be_used_is_an_error_naming_it()
    {
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: nowhere\n");

        var result = await CliRunner.RunAsync("run", "-f", Website("katalog.yaml"), "--kubeconfig", kubeconfig);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nowhere", result.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
