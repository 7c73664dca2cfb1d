using System.Text.Json.Nodes;

namespace Orkestra.Resources;

// NetworkPolicy rules, from an item (templates rendered) or from a profile: upstream's compact form (selectors as
// label maps, ports as text) or Kubernetes' own, written as Kubernetes reads them.
internal static partial class NetworkingValues
{
    /// <summary>
    /// NetworkPolicy rules (<paramref name="peers"/> is <c>from</c> for ingress, <c>to</c> for egress): peers with
    /// selectors in either form and ports as numbers or names; an empty list stays empty (it denies everything).
    /// </summary>
    public static JsonArray Rules(JsonNode node, string path, string peers)
    {
        if (node is not JsonArray list)
        {
            throw new ResourceException(path, $"must be a list of rules, such as [{{{peers}: [{{podSelector: {{app: web}}}}], ports: [{{port: 80}}]}}]; [] blocks all traffic");
        }

        var rules = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var rulePath = path + "[" + i + "]";
            if (list[i] is not JsonObject rule)
            {
                throw new ResourceException(rulePath, $"must be a rule with {peers} and ports");
            }

            JsonArray? peerList = null, ports = null;
            foreach (var pair in rule)
            {
                if (pair.Key == peers)
                {
                    peerList = Peers(pair.Value, rulePath + "." + peers);
                }
                else if (pair.Key == "ports")
                {
                    ports = Ports(pair.Value, rulePath + ".ports");
                }
                else
                {
                    throw new ResourceException(rulePath + "." + pair.Key, $"is not a field of this rule; a rule has {peers} and ports");
                }
            }

            var built = new JsonObject();
            if (peers == "from" && peerList is not null)
            {
                built["from"] = peerList;
            }

            if (ports is not null)
            {
                built["ports"] = ports;
            }

            if (peers == "to" && peerList is not null)
            {
                built["to"] = peerList;
            }

            rules.Add((JsonNode)built);
        }

        return rules;
    }

    private static JsonArray Peers(JsonNode? node, string path)
    {
        if (node is not JsonArray list)
        {
            throw new ResourceException(path, "must be a list of peers, such as [{podSelector: {app: web}}, {namespaceSelector: {team: platform}}]");
        }

        var peers = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var peerPath = path + "[" + i + "]";
            if (list[i] is not JsonObject peer || peer.Count == 0)
            {
                throw new ResourceException(peerPath, "a peer needs podSelector, namespaceSelector or ipBlock");
            }

            var built = new JsonObject();
            foreach (var pair in peer)
            {
                if (pair.Key is not ("ipBlock" or "namespaceSelector" or "podSelector"))
                {
                    throw new ResourceException(peerPath + "." + pair.Key, "is not a field of a peer; a peer has podSelector, namespaceSelector and ipBlock");
                }
            }

            if (peer.ContainsKey("ipBlock"))
            {
                built["ipBlock"] = IpBlock(peer["ipBlock"], peerPath + ".ipBlock");
            }

            if (peer.ContainsKey("namespaceSelector"))
            {
                built["namespaceSelector"] = Selector(peer["namespaceSelector"], peerPath + ".namespaceSelector");
            }

            if (peer.ContainsKey("podSelector"))
            {
                built["podSelector"] = Selector(peer["podSelector"], peerPath + ".podSelector");
            }

            peers.Add((JsonNode)built);
        }

        return peers;
    }

    private static JsonObject IpBlock(JsonNode? node, string path)
    {
        if (node is not JsonObject block || block["cidr"] is not JsonValue cidr || Text(cidr).Length == 0)
        {
            throw new ResourceException(path, "an ipBlock needs a cidr, such as {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}");
        }

        var built = new JsonObject { ["cidr"] = Text(cidr) };
        switch (block["except"])
        {
            case null:
                break;
            case JsonArray except when except.All(e => e is JsonValue):
                built["except"] = StringArray(except.Select(e => Text((JsonValue)e!)));
                break;
            default:
                throw new ResourceException(path + ".except", "must be a list of CIDRs, such as [10.0.1.0/24]");
        }

        return built;
    }

    private static JsonArray Ports(JsonNode? node, string path)
    {
        if (node is not JsonArray list)
        {
            throw new ResourceException(path, "must be a list of ports, such as [{port: 5432}, {protocol: UDP, port: 53}]");
        }

        var ports = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var portPath = path + "[" + i + "]";
            if (list[i] is not JsonObject port)
            {
                throw new ResourceException(portPath, "must be a port, such as {port: 5432} or {protocol: UDP, port: 53}");
            }

            var built = new JsonObject();
            foreach (var pair in port)
            {
                if (pair.Key is not ("port" or "endPort" or "protocol"))
                {
                    throw new ResourceException(portPath + "." + pair.Key, "is not a field of a port; a port has port, endPort and protocol");
                }
            }

            if (port["endPort"] is JsonValue endValue)
            {
                built["endPort"] = WholeNumber(Text(endValue)) is { } end and >= 1 and <= 65535
                    ? end
                    : throw new ResourceException(portPath + ".endPort", $"'{Text(endValue)}' is not a port number; write a whole number from 1 to 65535");
            }

            if (port["port"] is JsonValue portValue)
            {
                built["port"] = ToPortOrName(Text(portValue)) ?? throw new ResourceException(portPath + ".port", $"'{Text(portValue)}' is not a port; {PortOrNameHint}");
            }

            if (port["protocol"] is JsonValue protocolValue)
            {
                var text = Text(protocolValue);
                built["protocol"] = Protocols.FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ResourceException(portPath + ".protocol", $"'{text}' is not a protocol; write one of {string.Join(", ", Protocols)}");
            }

            ports.Add((JsonNode)built);
        }

        return ports;
    }

    /// <summary>
    /// The policy types: as declared, or derived as upstream does (Ingress when there are ingress rules, Egress when
    /// there are egress rules); neither is Ingress, the type Kubernetes gives such a policy.
    /// </summary>
    public static JsonArray PolicyTypes(JsonNode? declared, string path, bool hasIngress, bool hasEgress)
    {
        var types = new List<string>();
        var values = declared switch
        {
            null => Array.Empty<JsonNode?>(),
            JsonValue single => new JsonNode?[] { single },
            JsonArray list => list.ToArray(),
            _ => throw new ResourceException(path, "must be a list such as [Ingress, Egress]"),
        };
        foreach (var value in values)
        {
            var text = value is JsonValue v ? Text(v) : string.Empty;
            var type = PolicyTypeNames.FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase))
                ?? throw new ResourceException(path, $"'{text}' is not a policy type; write Ingress, Egress or both");
            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        if (types.Count == 0)
        {
            if (hasIngress || !hasEgress)
            {
                types.Add("Ingress");
            }

            if (hasEgress)
            {
                types.Add("Egress");
            }
        }

        return StringArray(types);
    }
}
