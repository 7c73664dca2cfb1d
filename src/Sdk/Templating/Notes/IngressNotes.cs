using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The ingress notes (upstream <c>pkg/note/kube_ingress.go</c>): an Ingress's load-balancer address, class, rule and
/// TLS hosts, and the addresses and TLS Secrets that <c>enrich: [ingress]</c> embeds (<c>_loadBalancerIPs</c>,
/// <c>_tlsSecrets</c>). Lists are comma-separated strings.
/// </summary>
internal static class IngressNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("ingressReady", c => LoadBalancerEntry(c.Arguments[0]) is { } entry
            && (PathText(entry, "ip").Length > 0 || PathText(entry, "hostname").Length > 0));
        notes.Add("ingressHost", c => PathText(LoadBalancerEntry(c.Arguments[0]), "hostname"));
        notes.Add("ingressIP", c => PathText(LoadBalancerEntry(c.Arguments[0]), "ip"));
        notes.Add("ingressClassName", c => PathText(c.Arguments[0], "spec", "ingressClassName"));
        notes.Add("ingressRules", c =>
        {
            var hosts = new List<string>();
            foreach (var rule in PathList(c.Arguments[0], "spec", "rules"))
            {
                var host = PathText(rule, "host");
                if (host.Length > 0)
                {
                    hosts.Add(host);
                }
            }

            return JoinComma(hosts);
        });
        notes.Add("ingressTLSHosts", c =>
        {
            var hosts = new List<string>();
            foreach (var tls in PathList(c.Arguments[0], "spec", "tls"))
            {
                foreach (var host in PathList(tls, "hosts"))
                {
                    if (host is string { Length: > 0 } name && !hosts.Contains(name, StringComparer.Ordinal))
                    {
                        hosts.Add(name);
                    }
                }
            }

            return JoinComma(hosts);
        });
        notes.Add("ingressLoadBalancerIPs", c =>
        {
            var addresses = new List<string>();
            foreach (var address in PathList(c.Arguments[0], "_loadBalancerIPs"))
            {
                if (address is string { Length: > 0 } text)
                {
                    addresses.Add(text);
                }
            }

            return JoinComma(addresses);
        });
        notes.Add("ingressTLSSecretCount", c => (long)PathList(c.Arguments[0], "_tlsSecrets").Count);
    }

    // status.loadBalancer.ingress[0] when it is a map.
    private static IDictionary<string, object?>? LoadBalancerEntry(object? ingress) =>
        PathList(ingress, "status", "loadBalancer", "ingress") is { Count: > 0 } entries ? entries[0] as IDictionary<string, object?> : null;
}
