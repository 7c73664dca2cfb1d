using System.Text;
using Orkestra.Kubernetes.Configuration;

namespace Orkestra.Sdk.Tests.Kubernetes;

/// <summary>Kubeconfig files read and merged as kubectl does, resolved to one context's connection.</summary>
public sealed class KubeConfigTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ork-kubeconfig-" + Guid.NewGuid().ToString("N"));

    public KubeConfigTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_current_context_resolves_to_its_cluster_and_user()
    {
        var ca = Base64("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
        var path = Write("config", $$"""
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: local
              cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: {{ca}}, tls-server-name: kubernetes}
            users:
            - name: admin
              user: {token: s3cr3t}
            contexts:
            - name: dev
              context: {cluster: local, user: admin, namespace: team}
            """);

        var connection = KubeConfig.Load([path]);

        Assert.Equal(("dev", new Uri("https://127.0.0.1:6443"), "team"), (connection.Context, connection.Server, connection.Namespace));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", connection.CertificateAuthorityPem, StringComparison.Ordinal);
        Assert.Equal(("kubernetes", "s3cr3t", false), (connection.TlsServerName, connection.Token, connection.InsecureSkipTlsVerify));
    }

    [Fact]
    public void Files_merge_with_the_first_definition_of_each_name_winning_and_missing_files_skipped()
    {
        var first = Write("a", """
            current-context: one
            clusters: [{name: shared, cluster: {server: "https://first:6443"}}]
            contexts: [{name: one, context: {cluster: shared}}]
            """);
        var second = Write("b", """
            current-context: two
            clusters: [{name: shared, cluster: {server: "https://second:6443"}}, {name: other, cluster: {server: "http://other:8080", insecure-skip-tls-verify: true}}]
            contexts: [{name: two, context: {cluster: other, user: basic}}]
            users: [{name: basic, user: {username: jane, password: pw}}]
            """);
        var list = string.Join(Path.PathSeparator, first, Path.Combine(_folder, "missing"), second);

        var current = KubeConfig.Load(kubeconfig: list);
        var two = KubeConfig.Load("two", list);

        Assert.Equal(("one", "https://first:6443/"), (current.Context, current.Server.ToString()));
        Assert.Null(current.Token);
        Assert.Equal(("http://other:8080/", true, "jane", "pw"), (two.Server.ToString(), two.InsecureSkipTlsVerify, two.Username, two.Password));
    }

    [Fact]
    public void Relative_files_resolve_against_the_kubeconfigs_folder_and_exec_plugins_are_read()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "certs"));
        File.WriteAllText(Path.Combine(_folder, "certs", "ca.crt"), "CA PEM");
        File.WriteAllText(Path.Combine(_folder, "certs", "client.crt"), "CERT PEM");
        File.WriteAllText(Path.Combine(_folder, "certs", "client.key"), "KEY PEM");
        var path = Write("config", """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k:443", certificate-authority: certs/ca.crt}}]
            users:
            - name: u
              user:
                client-certificate: certs/client.crt
                client-key: certs/client.key
                tokenFile: certs/token
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/get-token
                  args: [--cluster, k]
                  env: [{name: REGION, value: eu}]
                  installHint: install get-token
                  provideClusterInfo: true
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var connection = KubeConfig.Load([path]);

        Assert.Equal(("CA PEM", "CERT PEM", "KEY PEM"), (connection.CertificateAuthorityPem, connection.ClientCertificatePem, connection.ClientKeyPem));
        Assert.Equal(Path.Combine(_folder, "certs", "token"), connection.TokenFile);
        var exec = connection.Exec!;
        Assert.Equal(Path.Combine(_folder, "bin", "get-token"), exec.Command);
        Assert.Equal(["--cluster", "k"], exec.Args);
        Assert.Equal("eu", exec.Env["REGION"]);
        Assert.True(exec.ProvideClusterInfo);
        Assert.Equal("install get-token", exec.InstallHint);
    }

    [Theory]
    [InlineData("current-context: nope\ncontexts: [{name: c, context: {cluster: k}}]\n", "context 'nope' is not in the kubeconfig", "its contexts: c")]
    [InlineData("current-context: c\ncontexts: [{name: c, context: {cluster: k}}]\n", "context 'c' names the cluster 'k', which no kubeconfig file defines", "config(2,")]
    [InlineData("current-context: c\nclusters: [{name: k, cluster: {server: ftp://x}}]\ncontexts: [{name: c, context: {cluster: k}}]\n", "config(2,40): server 'ftp://x' is not an http(s) URL", null)]
    [InlineData("current-context: c\nclusters: [{name: k, cluster: {server: \"https://k\", certificate-authority-data: \"!!\"}}]\ncontexts: [{name: c, context: {cluster: k}}]\n", "certificate-authority-data is not base64", null)]
    [InlineData("clusters: [unclosed\n", "config(2,1)", null)]
    [InlineData("contexts: [{name: c, context: {cluster: k}}]\n", "sets no current-context; pass --context NAME", null)]
    public void Problems_name_the_file_and_position_and_what_to_change(string text, string expected, string? alsoExpected)
    {
        var path = Write("config", text);

        var error = Assert.Throws<KubeConfigException>(() => KubeConfig.Load([path]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (alsoExpected is not null)
        {
            Assert.Contains(alsoExpected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_kubeconfig_at_all_says_how_to_give_one()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfig.Load(kubeconfig: Path.Combine(_folder, "none")));

        Assert.Contains("set KUBECONFIG or pass --kubeconfig", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
