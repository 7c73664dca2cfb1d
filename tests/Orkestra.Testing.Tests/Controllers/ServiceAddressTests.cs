using System.Net;
using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Controllers;

/// <summary>Cluster IPs and node ports allocated when a Service is created, as kube-apiserver does.</summary>
public sealed class ServiceAddressTests
{
    private const string Services = "/api/v1/namespaces/default/services";

    private static string Service(string name, string extraSpec = "", string ports = """[{"port":80,"targetPort":8080}]""") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + extraSpec
        + "\"selector\":{\"app\":\"web\"},\"ports\":" + ports + "}}";

    private static bool InServiceRange(string? ip)
    {
        Assert.NotNull(ip);
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        return bytes[0] == 10 && (bytes[1] & 0xF0) == 96;
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_service_gets_its_own_cluster_ip_at_create()
    {
        await using var server = await TestServer.StartAsync();
        var ips = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var created = await server.CreateAsync(Services, Service($"svc-{i}"));
            var ip = (string?)created["spec"]!["clusterIP"];
            Assert.True(InServiceRange(ip), ip);
            Assert.Equal([ip], created["spec"]!["clusterIPs"]!.AsArray().Select(n => (string?)n));
            ips.Add(ip!);
        }
        Assert.Equal(ips.Count, ips.Distinct().Count());
        Assert.Equal(ips[0], (string?)(await server.GetAsync($"{Services}/svc-0")).Object["spec"]!["clusterIP"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_headless_service_keeps_none_and_an_external_name_service_gets_no_ip()
    {
        await using var server = await TestServer.StartAsync();
        var headless = await server.CreateAsync(Services, Service("headless", "\"clusterIP\":\"None\","));
        Assert.Equal("None", (string?)headless["spec"]!["clusterIP"]);
        Assert.Equal(["None"], headless["spec"]!["clusterIPs"]!.AsArray().Select(n => (string?)n));

        var external = await server.CreateAsync(Services, """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"example.com"}}
            """);
        Assert.Null(external["spec"]!["clusterIP"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_supplied_cluster_ip_is_kept_and_may_not_be_taken_twice()
    {
        await using var server = await TestServer.StartAsync();
        var mine = await server.CreateAsync(Services, Service("mine", "\"clusterIP\":\"10.96.0.10\","));
        Assert.Equal("10.96.0.10", (string?)mine["spec"]!["clusterIP"]);

        var taken = await server.PostAsync(Services, Service("other", "\"clusterIP\":\"10.96.0.10\","));
        Assert.Equal(422, taken.Code);
        Assert.Contains("provided IP is already allocated", taken.ErrorMessage, StringComparison.Ordinal);

        var fromList = await server.CreateAsync(Services, Service("listed", "\"clusterIPs\":[\"10.96.0.11\"],"));
        Assert.Equal("10.96.0.11", (string?)fromList["spec"]!["clusterIP"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Addresses_are_free_again_once_their_service_is_deleted_or_changed()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(Services, Service("first", "\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.20\",", """[{"port":80,"nodePort":30090}]"""));
        Assert.Equal(200, (await server.DeleteAsync($"{Services}/first")).Code);

        var second = await server.CreateAsync(Services, Service("second", "\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.20\",", """[{"port":80,"nodePort":30090}]"""));
        Assert.Equal("10.96.0.20", (string?)second["spec"]!["clusterIP"]);
        Assert.Equal(30090, (int)second["spec"]!["ports"]![0]!["nodePort"]!);

        // Still taken while "second" holds them; free once it moves to other ones.
        Assert.Equal(422, (await server.PostAsync(Services, Service("third", "\"clusterIP\":\"10.96.0.20\","))).Code);
        var moved = JsonNode.Parse(Service("second", "\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.20\",", """[{"port":80,"nodePort":30091}]"""))!.AsObject();
        Assert.Equal(200, (await server.PutAsync($"{Services}/second", moved)).Code);
        var third = await server.CreateAsync(Services, Service("third", "\"type\":\"NodePort\",", """[{"port":80,"nodePort":30090}]"""));
        Assert.Equal(30090, (int)third["spec"]!["ports"]![0]!["nodePort"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Node_port_and_load_balancer_services_get_node_ports()
    {
        await using var server = await TestServer.StartAsync();
        var nodePort = await server.CreateAsync(Services, Service("np", "\"type\":\"NodePort\",",
            """[{"name":"http","port":80},{"name":"https","port":443}]"""));
        var ports = nodePort["spec"]!["ports"]!.AsArray().Select(p => (int)p!["nodePort"]!).ToList();
        Assert.All(ports, p => Assert.InRange(p, 30000, 32767));
        Assert.Equal(2, ports.Distinct().Count());
        Assert.NotNull(nodePort["spec"]!["clusterIP"]);

        var balancer = await server.CreateAsync(Services, Service("lb", "\"type\":\"LoadBalancer\","));
        Assert.InRange((int)balancer["spec"]!["ports"]![0]!["nodePort"]!, 30000, 32767);

        var fixedPort = await server.CreateAsync(Services, Service("fixed", "\"type\":\"NodePort\",", """[{"port":80,"nodePort":30080}]"""));
        Assert.Equal(30080, (int)fixedPort["spec"]!["ports"]![0]!["nodePort"]!);
        var clash = await server.PostAsync(Services, Service("clash", "\"type\":\"NodePort\",", """[{"port":80,"nodePort":30080}]"""));
        Assert.Equal(422, clash.Code);

        var plain = await server.CreateAsync(Services, Service("plain"));
        Assert.Null(plain["spec"]!["ports"]![0]!["nodePort"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_update_that_leaves_out_the_allocated_addresses_keeps_them()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync(Services, Service("np", "\"type\":\"NodePort\","));
        var replacement = JsonNode.Parse(Service("np", "\"type\":\"NodePort\","))!.AsObject();
        replacement["metadata"]!["labels"] = new JsonObject { ["changed"] = "yes" };

        var updated = await server.PutAsync($"{Services}/np", replacement);

        Assert.Equal(200, updated.Code);
        Assert.Equal((string?)created["spec"]!["clusterIP"], (string?)updated.Object["spec"]!["clusterIP"]);
        Assert.Equal((int)created["spec"]!["ports"]![0]!["nodePort"]!, (int)updated.Object["spec"]!["ports"]![0]!["nodePort"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Switched_off_no_address_is_allocated()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { AllocateClusterIPs = false });
        var created = await server.CreateAsync(Services, Service("svc", "\"type\":\"NodePort\","));
        Assert.Null(created["spec"]!["clusterIP"]);
        Assert.Null(created["spec"]!["ports"]![0]!["nodePort"]);
    }
}
