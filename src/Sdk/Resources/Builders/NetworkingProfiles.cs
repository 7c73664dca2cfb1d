using System.Text.Json.Nodes;

namespace Orkestra.Resources;

// The built-in NetworkPolicy profiles (networkPolicies items' profile), with upstream's names and rules, written in
// the same compact form as the katalog's own profiles.networkPolicies (selectors as label maps).
internal sealed partial class ProfileCatalog
{
    static partial void AddNetworkingProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns) =>
        Add(builtIns, NetworkingBuilders.NetworkPolicyProfiles, """
            {
              "deny-all": {"ingress": [], "egress": [], "policyTypes": ["Ingress", "Egress"]},
              "deny-all-ingress": {"ingress": [], "policyTypes": ["Ingress"]},
              "deny-all-egress": {"egress": [], "policyTypes": ["Egress"]},
              "allow-same-namespace": {"ingress": [{"from": [{"podSelector": {}}]}], "policyTypes": ["Ingress"]},
              "allow-dns-egress": {
                "egress": [{"ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]}],
                "policyTypes": ["Egress"]
              }
            }
            """);
}
