using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The service notes (upstream <c>pkg/note/kube_service.go</c>): a Service's addresses once assigned ("" or 0 before);
/// whether an EndpointSlice or Endpoints object has a ready address; and the endpoints and backing pods that
/// <c>enrich: [endpoints]</c> and <c>enrich: [backingpods]</c> embed (<c>_endpoints</c>: <c>ip</c>, <c>port</c>,
/// <c>ready</c>; <c>_backingPods</c>: pod summaries as in <c>_pods</c>).
/// </summary>
internal static class ServiceNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("serviceClusterIP", c => PathText(c.Arguments[0], "spec", "clusterIP"));
        notes.Add("serviceNodePort", c => Path(c.Arguments[0], "spec", "ports") is IList<object?> { Count: > 0 } ports
            ? ToInt64(Path(ports[0], "nodePort"))
            : 0L);
        notes.Add("serviceLoadBalancerIP", c => PathText(LoadBalancerIngress(c.Arguments[0]), "ip"));
        notes.Add("serviceLoadBalancerHost", c => PathText(LoadBalancerIngress(c.Arguments[0]), "hostname"));
        notes.Add("endpointsReady", c =>
        {
            // An EndpointSlice (discovery.k8s.io/v1) decides when it has an endpoints list: an endpoint with an
            // address and conditions.ready true.
            if (Path(c.Arguments[0], "endpoints") is IList<object?> endpoints)
            {
                foreach (var endpoint in endpoints)
                {
                    if (Path(endpoint, "addresses") is IList<object?> { Count: > 0 } && Path(endpoint, "conditions", "ready") is true)
                    {
                        return true;
                    }
                }

                return false;
            }

            // An Endpoints object keeps its subsets at the top level; status.subsets is accepted too, as upstream.
            var subsets = Path(c.Arguments[0], "subsets") as IList<object?> ?? Path(c.Arguments[0], "status", "subsets") as IList<object?>;
            if (subsets is null)
            {
                return false;
            }

            foreach (var subset in subsets)
            {
                if (Path(subset, "addresses") is IList<object?> { Count: > 0 })
                {
                    return true;
                }
            }

            return false;
        });
        notes.Add("hasEndpoints", c => Endpoints(c.Arguments[0]).Any(endpoint => Path(endpoint, "ready") is true));
        notes.Add("serviceEndpoints", c =>
        {
            var addresses = new List<string>();
            foreach (var endpoint in Endpoints(c.Arguments[0]))
            {
                if (Address(endpoint) is { } address)
                {
                    addresses.Add(address);
                }
            }

            return JoinComma(addresses);
        });
        notes.Add("serviceEndpointCount", c => (long)Endpoints(c.Arguments[0]).Count);
        notes.Add("serviceFirstEndpoint", c => Endpoints(c.Arguments[0]) is { Count: > 0 } endpoints ? Address(endpoints[0]) ?? string.Empty : string.Empty);
        notes.Add("backingPodCount", c => (long)PathList(c.Arguments[0], "_backingPods").Count);
        notes.Add("backingPodNames", c =>
        {
            var names = new List<string>();
            foreach (var pod in PathList(c.Arguments[0], "_backingPods"))
            {
                var name = PathText(pod, "name");
                if (name.Length > 0)
                {
                    names.Add(name);
                }
            }

            return JoinComma(names);
        });
    }

    private static object? LoadBalancerIngress(object? service) =>
        Path(service, "status", "loadBalancer", "ingress") is IList<object?> { Count: > 0 } ingress ? ingress[0] : null;

    private static IList<object?> Endpoints(object? service) => PathList(service, "_endpoints");

    // "ip:port" of an endpoint (every one, ready or not, as upstream); null when it has no ip.
    private static string? Address(object? endpoint)
    {
        var ip = PathText(endpoint, "ip");
        return ip.Length == 0 ? null : ip + ":" + ToInt64(Path(endpoint, "port")).ToString(CultureInfo.InvariantCulture);
    }
}
