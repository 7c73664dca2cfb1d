using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The Ingress notes, including <c>_loadBalancerIPs</c> and <c>_tlsSecrets</c> from <c>enrich: [ingress]</c>.</summary>
public class IngressNotesTests
{
    private const string Data = """
        {
          "ingress": {
            "spec": {
              "ingressClassName": "nginx",
              "rules": [ { "host": "api.example.com" }, { "http": {} }, { "host": "www.example.com" }, "x" ],
              "tls": [ { "hosts": [ "api.example.com", "www.example.com" ], "secretName": "a" }, { "hosts": [ "api.example.com", "", 3, "admin.example.com" ] }, { "secretName": "b" } ]
            },
            "status": { "loadBalancer": { "ingress": [ { "ip": "34.1.2.3" }, { "hostname": "second.example.net" } ] } },
            "_loadBalancerIPs": [ "34.1.2.3", "", 7, "lb.example.net" ],
            "_tlsSecrets": [ { "metadata": { "name": "a" } }, null ]
          },
          "aws": { "status": { "loadBalancer": { "ingress": [ { "hostname": "abc.elb.amazonaws.com" } ] } } },
          "provisioning": { "spec": {}, "status": { "loadBalancer": {} } },
          "emptyEntry": { "status": { "loadBalancer": { "ingress": [ { "ip": "" }, { "ip": "1.1.1.1" } ] } } },
          "odd": { "spec": { "rules": "x", "tls": [ { "hosts": "x" } ], "ingressClassName": 5 }, "status": { "loadBalancer": { "ingress": [ "x" ] } }, "_tlsSecrets": "x" }
        }
        """;

    [Theory]
    [InlineData("{{ ingressReady .ingress }} {{ ingressIP .ingress }} [{{ ingressHost .ingress }}] {{ ingressClassName .ingress }}", "true 34.1.2.3 [] nginx")]
    [InlineData("{{ ingressReady .aws }} {{ ingressHost .aws }} [{{ ingressIP .aws }}]", "true abc.elb.amazonaws.com []")]
    [InlineData("{{ ingressReady .provisioning }} {{ ingressReady .emptyEntry }} [{{ ingressIP .emptyEntry }}][{{ ingressClassName .provisioning }}]", "false false [][]")]
    [InlineData("{{ ingressRules .ingress }} | {{ ingressTLSHosts .ingress }}", "api.example.com, www.example.com | api.example.com, www.example.com, admin.example.com")]
    [InlineData("{{ ingressLoadBalancerIPs .ingress }} {{ ingressTLSSecretCount .ingress }}", "34.1.2.3, lb.example.net 2")]
    [InlineData("{{ ingressReady .odd }} [{{ ingressRules .odd }}][{{ ingressTLSHosts .odd }}][{{ ingressClassName .odd }}] {{ ingressTLSSecretCount .odd }}", "false [][][] 0")]
    [InlineData("{{ ingressReady \"x\" }} [{{ ingressRules 1 }}] {{ ingressTLSSecretCount .ingress._tlsSecrets }} [{{ ingressLoadBalancerIPs .ingress.spec }}]", "false [] 0 []")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ ingressReady .missing }} [{{ ingressHost .missing }}][{{ ingressIP .missing }}][{{ ingressClassName .missing }}]", "false [][][]")]
    [InlineData("[{{ ingressRules .missing }}][{{ ingressTLSHosts .missing }}][{{ ingressLoadBalancerIPs .missing }}] {{ ingressTLSSecretCount .missing }}", "[][][] 0")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
