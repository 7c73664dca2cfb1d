using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The service notes (upstream <c>pkg/note/kube_service.go</c>): a Service's addresses once assigned ("" or 0 before),
/// and whether an Endpoints object has a ready address.
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
            // An Endpoints object keeps its subsets at the top level; status.subsets is accepted too, as upstream.
            var subsets = Path(c.Arguments[0], "status", "subsets") as IList<object?> ?? Path(c.Arguments[0], "subsets") as IList<object?>;
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
    }

    private static object? LoadBalancerIngress(object? service) =>
        Path(service, "status", "loadBalancer", "ingress") is IList<object?> { Count: > 0 } ingress ? ingress[0] : null;
}
