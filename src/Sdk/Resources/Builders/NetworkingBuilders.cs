using System.Text.Json.Nodes;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

// services, ingresses, networkPolicies (this file), configMaps, secrets, namespaces (ConfigBuilders.cs),
// persistentVolumeClaims, persistentVolumes (StorageBuilders.cs); the values they share are in NetworkingValues.cs,
// NetworkPolicy rules in NetworkingRules.cs and the built-in NetworkPolicy profiles in NetworkingProfiles.cs.
internal static partial class ResourceKinds
{
    static partial void AddNetworkingAndStorage(Dictionary<string, ResourceKind> kinds)
    {
        kinds["services"] = new ResourceKind("services", "v1", "Service", true, "-svc", NetworkingBuilders.Service);
        kinds["ingresses"] = new ResourceKind("ingresses", "networking.k8s.io/v1", "Ingress", true, "-ingress", NetworkingBuilders.Ingress);

        // Upstream documents no default name for a NetworkPolicy; "-netpol" is kubectl's short name for the kind.
        kinds["networkPolicies"] = new ResourceKind("networkPolicies", "networking.k8s.io/v1", "NetworkPolicy", true, "-netpol", NetworkingBuilders.NetworkPolicy);
        kinds["configMaps"] = new ResourceKind("configMaps", "v1", "ConfigMap", true, "-config", ConfigBuilders.ConfigMap);
        kinds["secrets"] = new ResourceKind("secrets", "v1", "Secret", true, "-secret", ConfigBuilders.Secret);
        kinds["namespaces"] = new ResourceKind("namespaces", "v1", "Namespace", false, "-ns", ConfigBuilders.Namespace);

        // Upstream documents the name of a PVC and of a PV as required: the builders fail without one (the suffixes
        // are only what ObjectName would say).
        kinds["persistentVolumeClaims"] = new ResourceKind("persistentVolumeClaims", "v1", "PersistentVolumeClaim", true, "-pvc", StorageBuilders.PersistentVolumeClaim);
        kinds["persistentVolumes"] = new ResourceKind("persistentVolumes", "v1", "PersistentVolume", false, "-pv", StorageBuilders.PersistentVolume);
    }
}

/// <summary>The builders of <c>services</c>, <c>ingresses</c> and <c>networkPolicies</c> items.</summary>
internal static class NetworkingBuilders
{
    /// <summary>The profile class of <c>networkPolicies</c> items (<c>profiles.networkPolicies</c>).</summary>
    public const string NetworkPolicyProfiles = "networkPolicies";

    private static readonly string[] ServiceTypes = { "ClusterIP", "NodePort", "LoadBalancer", "ExternalName" };
    private static readonly string[] PathTypes = { "Prefix", "Exact", "ImplementationSpecific" };
    private static readonly string[] CompactPortFields = { "port", "targetPort", "nodePort", "portName", "protocol" };
    private static readonly string[] CompactRouteFields = { "host", "path", "pathType", "serviceName", "servicePort" };

    /// <summary>
    /// A Service: <c>port</c>/<c>targetPort</c>/<c>nodePort</c> (or a <c>ports</c> list), type ClusterIP unless
    /// said, <c>headless: true</c> = <c>clusterIP: None</c>, and without a <c>selector</c> the pods of the CR's
    /// workloads (<c>app: &lt;CR name&gt;</c>).
    /// </summary>
    public static JsonObject Service(ResourceItem item)
    {
        // A Service's name becomes a DNS label: Kubernetes holds it to RFC 1035 (a letter first, no dots).
        var name = item.ObjectName;
        if (name.Length > 63 || !NetworkingValues.IsDns1035Label(name))
        {
            throw item.Fail("name", $"'{name}'{item.RenderedFrom("name")} is not a valid Service name: use at most 63 lowercase letters, digits and '-', starting with a letter");
        }

        var type = NetworkingValues.Choice(item, "type", ServiceTypes) ?? "ClusterIP";
        var clusterIP = NetworkingValues.NonEmpty(item.String("clusterIP"));
        if (item.Bool("headless") == true)
        {
            if (type != "ClusterIP")
            {
                throw item.Fail("headless", $"a headless Service has type ClusterIP, but type is {type}; remove headless or the type");
            }

            if (clusterIP is not null && clusterIP != "None")
            {
                throw item.Fail("clusterIP", $"'{clusterIP}' contradicts headless: true (a headless Service has clusterIP None); remove clusterIP or headless");
            }

            clusterIP = "None";
        }

        var spec = new JsonObject();
        if (clusterIP is not null)
        {
            spec["clusterIP"] = clusterIP;
        }

        var externalName = NetworkingValues.NonEmpty(item.String("externalName"));
        if (type == "ExternalName")
        {
            spec["externalName"] = externalName ?? throw item.Fail("externalName", "a Service of type ExternalName needs externalName: the DNS name it stands for, such as db.example.com");
        }
        else if (externalName is not null)
        {
            throw item.Fail("externalName", $"is only read for type ExternalName, but type is {type}; set type: ExternalName or remove externalName");
        }

        var ports = ServicePorts(item, type, headless: clusterIP == "None");
        if (ports.Count > 0)
        {
            spec["ports"] = ports;
        }

        // No selector: the pods every workload of the CR carries (app: <CR name>), so a Deployment and a Service
        // declared without selectors are wired together. ExternalName Services select nothing; selector: {} is a
        // Service without a selector, as in Kubernetes (its endpoints are managed by hand).
        var selector = item.StringMap("selector");
        if (selector is null && type != "ExternalName")
        {
            selector = item.DefaultServiceSelector();
        }

        if (selector is { Count: > 0 })
        {
            spec["selector"] = selector;
        }

        if (NetworkingValues.Choice(item, "sessionAffinity", "None", "ClientIP") is { } affinity)
        {
            spec["sessionAffinity"] = affinity;
        }

        spec["type"] = type;
        return new JsonObject { ["spec"] = spec };
    }

    // The ports: the item's own port/targetPort/nodePort/portName/protocol, or its ports list.
    private static JsonArray ServicePorts(ResourceItem item, string type, bool headless)
    {
        var listed = item.Objects("ports");
        var ports = new JsonArray();
        if (listed.Count > 0)
        {
            if (CompactPortFields.FirstOrDefault(item.Has) is { } compact)
            {
                throw item.Fail(compact, "is set beside ports; write every port in the ports list, or use port/targetPort alone");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var port in listed)
            {
                var built = ServicePort(port, type, "name");
                var name = (string?)built["name"];
                if (listed.Count > 1 && name is null)
                {
                    throw port.Fail("name", "a Service with several ports needs a name on each, such as http or metrics");
                }

                if (name is not null && !names.Add(name))
                {
                    throw port.Fail("name", $"'{name}' names two ports of this Service; give each port its own name");
                }

                ports.Add((JsonNode)built);
            }
        }
        else if (NetworkingValues.NonEmpty(item.String("port")) is not null)
        {
            ports.Add((JsonNode)ServicePort(item, type, "portName"));
        }
        else if (type != "ExternalName" && !headless)
        {
            throw item.Fail("port", "a Service needs the port it listens on, such as port: \"80\" (targetPort, the container's port, defaults to it)");
        }

        return ports;
    }

    private static JsonObject ServicePort(ResourceItem item, string type, string nameField)
    {
        var port = NetworkingValues.PortNumber(item, "port") ?? throw item.Fail("port", "a Service port needs a number, such as 80");

        // targetPort defaults to port (upstream), which is also what Kubernetes does.
        var target = NetworkingValues.PortOrName(item, "targetPort") ?? JsonValue.Create(port);
        var nodePort = NetworkingValues.PortNumber(item, "nodePort");
        if (nodePort is not null && type is not ("NodePort" or "LoadBalancer"))
        {
            throw item.Fail("nodePort", $"is only used by Services of type NodePort or LoadBalancer, but type is {type}; set type: NodePort or remove nodePort");
        }

        var built = new JsonObject();
        if (NetworkingValues.NonEmpty(item.String("appProtocol")) is { } appProtocol && nameField == "name")
        {
            built["appProtocol"] = appProtocol;
        }

        if (NetworkingValues.NonEmpty(item.String(nameField)) is { } name)
        {
            if (!ResourceItem.IsLabel(name))
            {
                throw item.Fail(nameField, $"'{name}' is not a valid port name{item.RenderedFrom(nameField)}: use at most 63 lowercase letters, digits and '-', such as http");
            }

            built["name"] = name;
        }

        if (nodePort is not null)
        {
            built["nodePort"] = nodePort;
        }

        built["port"] = port;

        // Kubernetes defaults the protocol to TCP; upstream writes it, and so do we.
        built["protocol"] = NetworkingValues.Protocol(item, "protocol") ?? "TCP";
        built["targetPort"] = target;
        return built;
    }

    /// <summary>
    /// An Ingress: one rule from <c>host</c>/<c>path</c> (default <c>/</c>, pathType Prefix) to the Service
    /// <c>serviceName</c> (default <c>&lt;CR name&gt;-svc</c>) on <c>servicePort</c> (a number or a port name), or
    /// Kubernetes <c>rules</c>; <c>className</c>; <c>tls</c>.
    /// </summary>
    public static JsonObject Ingress(ResourceItem item)
    {
        var spec = new JsonObject();
        var className = NetworkingValues.OneOf(item, "className", "ingressClassName");
        if (NetworkingValues.NonEmpty(item.String(className)) is { } ingressClass)
        {
            spec["ingressClassName"] = ingressClass;
        }

        string? host = null;
        if (item.Has("rules"))
        {
            if (CompactRouteFields.FirstOrDefault(item.Has) is { } compact)
            {
                throw item.Fail(compact, "is set beside rules; write every route in rules, or use host/path/serviceName/servicePort alone");
            }

            spec["rules"] = item.Json("rules") is JsonArray rules ? rules : throw item.Fail("rules", "must be a list of Kubernetes Ingress rules ({host, http: {paths: [...]}})");
        }
        else
        {
            host = NetworkingValues.NonEmpty(item.String("host"));
            var rule = new JsonObject();
            if (host is not null)
            {
                rule["host"] = host;
            }

            rule["http"] = new JsonObject { ["paths"] = new JsonArray(IngressPath(item)) };
            spec["rules"] = new JsonArray(rule);
        }

        if (IngressTls(item, host) is { } tls)
        {
            spec["tls"] = tls;
        }

        return new JsonObject { ["spec"] = spec };
    }

    private static JsonObject IngressPath(ResourceItem item)
    {
        var path = NetworkingValues.NonEmpty(item.String("path")) ?? "/";
        var pathType = NetworkingValues.Choice(item, "pathType", PathTypes) ?? "Prefix";
        if (pathType != "ImplementationSpecific" && !path.StartsWith('/'))
        {
            throw item.Fail("path", $"'{path}'{item.RenderedFrom("path")} must start with '/' (pathType {pathType}); write a path such as /api");
        }

        // Upstream's default backend is the Service a services item declares by default: <CR name>-svc.
        var serviceName = NetworkingValues.NonEmpty(item.String("serviceName")) ?? item.Owner.Name + "-svc";
        var port = NetworkingValues.PortOrName(item, "servicePort")
            ?? throw item.Fail("servicePort", "an Ingress needs the port of the Service it routes to: a number such as \"80\" or a port name such as http");
        var backendPort = NetworkingValues.IsNumber(port)
            ? new JsonObject { ["number"] = port }
            : new JsonObject { ["name"] = port };
        return new JsonObject
        {
            ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = serviceName, ["port"] = backendPort } },
            ["path"] = path,
            ["pathType"] = pathType,
        };
    }

    // tls: upstream's {create|enabled, secretName (default <CR name>-tls), hosts (default the host)}, or Kubernetes' list.
    private static JsonArray? IngressTls(ResourceItem item, string? host)
    {
        switch (item.Node["tls"])
        {
            case null or YamlScalar { IsNull: true }:
                return null;
            case YamlSequence:
                return (JsonArray)item.Json("tls")!;
            case YamlMapping:
                var tls = item.Object("tls")!;

                // create: true (documented) or enabled: true (upstream's code) turn TLS on; a secretName or hosts
                // alone mean it too (the Secret then comes from elsewhere, such as cert-manager).
                var enabled = tls.Bool("create") ?? tls.Bool("enabled") ?? (tls.Has("secretName") || tls.Has("hosts"));
                if (!enabled)
                {
                    return null;
                }

                var entry = new JsonObject();
                var hosts = tls.Strings("hosts").Where(h => h.Length > 0).ToList();
                if (hosts.Count == 0 && host is not null)
                {
                    hosts.Add(host);
                }

                if (hosts.Count > 0)
                {
                    entry["hosts"] = NetworkingValues.StringArray(hosts);
                }

                entry["secretName"] = NetworkingValues.NonEmpty(tls.String("secretName")) ?? item.Owner.Name + "-tls";
                return new JsonArray(entry);
            case var other:
                throw item.Fail("tls", $"must be {{create: true, secretName, hosts}} or a list of Kubernetes tls entries, but is {other.Describe()}");
        }
    }

    /// <summary>
    /// A NetworkPolicy: <c>podSelector</c> (a label map or a label selector; absent or <c>{}</c>: every pod of the
    /// namespace, as upstream), and either a <c>profile</c> or explicit <c>ingress</c>/<c>egress</c> rules in
    /// upstream's compact form (selectors as label maps) or Kubernetes' own; <c>policyTypes</c> derived when absent.
    /// </summary>
    public static JsonObject NetworkPolicy(ResourceItem item)
    {
        JsonNode? ingress, egress, policyTypes;
        string rulesPath;
        if (NetworkingValues.NonEmpty(item.String("profile")) is { } profileName)
        {
            // Upstream rejects a profile beside explicit rules: a profile is an atomic preset.
            foreach (var field in new[] { "ingress", "egress", "policyTypes" })
            {
                if (item.Node[field] is YamlSequence { Items.Count: > 0 } or YamlMapping or YamlScalar { IsNull: false })
                {
                    throw item.Fail(field, $"is set beside profile '{profileName}', which writes the rules itself; remove {field}, or remove the profile and write the rules");
                }
            }

            var profile = item.Profile(NetworkPolicyProfiles, profileName, "profile");
            ingress = profile["ingress"];
            egress = profile["egress"];
            policyTypes = profile["policyTypes"];
            rulesPath = "profiles." + NetworkPolicyProfiles + "." + profileName;
        }
        else
        {
            ingress = item.Json("ingress");
            egress = item.Json("egress");
            policyTypes = item.Json("policyTypes");
            rulesPath = item.Path;
        }

        var spec = new JsonObject();
        var egressRules = egress is null ? null : NetworkingValues.Rules(egress, rulesPath + ".egress", "to");
        var ingressRules = ingress is null ? null : NetworkingValues.Rules(ingress, rulesPath + ".ingress", "from");
        if (egressRules is not null)
        {
            spec["egress"] = egressRules;
        }

        if (ingressRules is not null)
        {
            spec["ingress"] = ingressRules;
        }

        spec["podSelector"] = NetworkingValues.Selector(item.Json("podSelector"), item.PathOf("podSelector"));
        spec["policyTypes"] = NetworkingValues.PolicyTypes(policyTypes, rulesPath + ".policyTypes", ingressRules is not null, egressRules is not null);
        return new JsonObject { ["spec"] = spec };
    }
}
