using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

// The access kinds: serviceAccounts, roles, roleBindings, clusterRoles, clusterRoleBindings (upstream's
// documentation/reference/schema/06-resources). Default names are upstream's: <CR>-sa, -role, -rolebinding,
// -cluster-role, -crb. Fields are emitted in the order of the Kubernetes API types. The policy kinds (hpa, pdb,
// resourceQuotas, limitRanges) are built in PolicyBuilders.cs; both files share the helpers at the end of this one.
internal static partial class ResourceKinds
{
    static partial void AddAccessAndPolicy(Dictionary<string, ResourceKind> kinds)
    {
        kinds["serviceAccounts"] = new ResourceKind("serviceAccounts", "v1", "ServiceAccount", true, "-sa", AccessBuilder.ServiceAccount);
        kinds["roles"] = new ResourceKind("roles", AccessBuilder.RbacVersion, "Role", true, "-role", item => AccessBuilder.Role(item, cluster: false));
        kinds["roleBindings"] = new ResourceKind("roleBindings", AccessBuilder.RbacVersion, "RoleBinding", true, "-rolebinding", item => AccessBuilder.Binding(item, cluster: false));
        kinds["clusterRoles"] = new ResourceKind("clusterRoles", AccessBuilder.RbacVersion, "ClusterRole", false, "-cluster-role", item => AccessBuilder.Role(item, cluster: true));
        kinds["clusterRoleBindings"] = new ResourceKind("clusterRoleBindings", AccessBuilder.RbacVersion, "ClusterRoleBinding", false, "-crb", item => AccessBuilder.Binding(item, cluster: true));
        PolicyBuilder.Register(kinds);
    }

    private static class AccessBuilder
    {
        public const string RbacGroup = "rbac.authorization.k8s.io";

        public const string RbacVersion = RbacGroup + "/v1";

        // A ServiceAccount: secrets, imagePullSecrets, automountServiceAccountToken (the API type's order).
        public static JsonObject ServiceAccount(ResourceItem item)
        {
            var obj = new JsonObject();
            if (item.Json("secrets") is { } secrets)
            {
                obj["secrets"] = secrets is JsonArray ? secrets : throw item.Fail("secrets", "must be a list of references such as [{name: my-token}]");
            }

            if (AccessPolicyHelpers.LocalReferences(item, "imagePullSecrets") is { } pullSecrets)
            {
                obj["imagePullSecrets"] = pullSecrets;
            }

            if (item.Bool("automountServiceAccountToken") is { } automount)
            {
                obj["automountServiceAccountToken"] = automount;
            }

            return obj;
        }

        // A Role or ClusterRole: rules (each one checked the way the API server checks it), and for a ClusterRole the
        // aggregationRule. Upstream requires at least one rule; an aggregated ClusterRole gets its rules from the
        // ClusterRoles it selects, so it declares none (declaring them would fight the aggregation controller).
        public static JsonObject Role(ResourceItem item, bool cluster)
        {
            var obj = new JsonObject();
            var aggregation = item.Json("aggregationRule");
            if (aggregation is not null && !cluster)
            {
                throw item.Fail("aggregationRule", "only a ClusterRole aggregates other roles; declare it under clusterRoles, or write the rules of this Role");
            }

            var rules = new JsonArray();
            foreach (var rule in item.Objects("rules"))
            {
                rules.Add((JsonNode)Rule(rule, cluster));
            }

            if (aggregation is not null)
            {
                if (aggregation is not JsonObject selectors || selectors["clusterRoleSelectors"] is not JsonArray)
                {
                    throw item.Fail("aggregationRule", "must be {clusterRoleSelectors: [{matchLabels: {...}}]}");
                }

                if (rules.Count > 0)
                {
                    throw item.Fail("rules", "an aggregated ClusterRole gets its rules from the ClusterRoles its aggregationRule selects; remove rules, or remove aggregationRule");
                }

                obj["aggregationRule"] = aggregation;
                return obj;
            }

            if (rules.Count == 0)
            {
                throw item.Fail("rules", $"a {(cluster ? "ClusterRole" : "Role")} needs at least one rule, such as [{{apiGroups: [\"\"], resources: [pods], verbs: [get, list, watch]}}]");
            }

            obj["rules"] = rules;
            return obj;
        }

        // A policy rule, in the API type's order: verbs, apiGroups, resources, resourceNames, nonResourceURLs.
        private static JsonObject Rule(ResourceItem rule, bool cluster)
        {
            var verbs = rule.Strings("verbs");
            var apiGroups = rule.Strings("apiGroups");
            var resources = rule.Strings("resources");
            var resourceNames = rule.Strings("resourceNames");
            var urls = rule.Strings("nonResourceURLs");
            if (verbs.Count == 0 || verbs.Any(v => v.Length == 0))
            {
                throw rule.Fail("verbs", "a rule needs its verbs, such as [get, list, watch], or [\"*\"] for all");
            }

            if (urls.Count > 0)
            {
                if (!cluster)
                {
                    throw rule.Fail("nonResourceURLs", "a Role is namespaced and cannot grant non-resource URLs; declare the rule in a ClusterRole");
                }

                if (apiGroups.Count > 0 || resources.Count > 0)
                {
                    throw rule.Fail("nonResourceURLs", "a rule grants either resources or non-resource URLs, not both; split it into two rules");
                }
            }
            else
            {
                if (apiGroups.Count == 0)
                {
                    throw rule.Fail("apiGroups", "a rule needs its apiGroups: [\"\"] for the core group (pods, services, configmaps, secrets), or the group of the resources, such as [apps] for deployments");
                }

                if (resources.Count == 0 || resources.Any(r => r.Length == 0))
                {
                    throw rule.Fail("resources", "a rule needs its resources, such as [pods] or [deployments], or [\"*\"] for all");
                }
            }

            var obj = new JsonObject { ["verbs"] = AccessPolicyHelpers.Array(verbs) };
            if (apiGroups.Count > 0)
            {
                obj["apiGroups"] = AccessPolicyHelpers.Array(apiGroups);
            }

            if (resources.Count > 0)
            {
                obj["resources"] = AccessPolicyHelpers.Array(resources);
            }

            if (resourceNames.Count > 0)
            {
                obj["resourceNames"] = AccessPolicyHelpers.Array(resourceNames);
            }

            if (urls.Count > 0)
            {
                obj["nonResourceURLs"] = AccessPolicyHelpers.Array(urls);
            }

            return obj;
        }

        // A RoleBinding or ClusterRoleBinding: subjects, then roleRef (the API type's order). Upstream's shorthand:
        // roleRef.kind defaults to Role on a RoleBinding and ClusterRole on a ClusterRoleBinding, and apiGroup (which
        // Kubernetes requires) is always rbac.authorization.k8s.io. Both fields are required, with at least one subject.
        public static JsonObject Binding(ResourceItem item, bool cluster)
        {
            var what = cluster ? "ClusterRoleBinding" : "RoleBinding";
            var roleRef = item.Object("roleRef")
                ?? throw item.Fail("roleRef", cluster
                    ? "a ClusterRoleBinding needs roleRef: {name: <a ClusterRole>}"
                    : "a RoleBinding needs roleRef: {name: <a Role>}, or {kind: ClusterRole, name: <a ClusterRole>}");

            var subjects = item.Objects("subjects");
            if (subjects.Count == 0)
            {
                throw item.Fail("subjects", $"a {what} needs at least one subject, such as [{{kind: ServiceAccount, name: \"{{{{ .metadata.name }}}}-sa\"}}]");
            }

            var bindingNamespace = item.String("namespace") is { Length: > 0 } declared ? declared : item.Owner.Namespace ?? "default";
            var list = new JsonArray();
            foreach (var subject in subjects)
            {
                list.Add((JsonNode)Subject(subject, item, cluster, bindingNamespace));
            }

            return new JsonObject
            {
                ["subjects"] = list,
                ["roleRef"] = RoleRef(roleRef, cluster),
            };
        }

        // apiGroup, kind, name (the API type's order).
        private static JsonObject RoleRef(ResourceItem roleRef, bool cluster)
        {
            var name = roleRef.String("name");
            if (string.IsNullOrEmpty(name))
            {
                throw roleRef.Fail("name", $"write the name of the {(cluster ? "ClusterRole" : "Role or ClusterRole")} to bind, such as \"{{{{ .metadata.name }}}}-{(cluster ? "cluster-role" : "role")}\"");
            }

            var kind = roleRef.String("kind") switch
            {
                null or "" => cluster ? "ClusterRole" : "Role",
                var k when "Role".Equals(k, StringComparison.OrdinalIgnoreCase) => "Role",
                var k when "ClusterRole".Equals(k, StringComparison.OrdinalIgnoreCase) => "ClusterRole",
                var k => throw roleRef.Fail("kind", $"'{k}' is not a role kind; write Role or ClusterRole"),
            };

            if (cluster && kind == "Role")
            {
                throw roleRef.Fail("kind", "a ClusterRoleBinding can only bind a ClusterRole; bind a Role with a roleBindings item");
            }

            var apiGroup = roleRef.String("apiGroup");
            if (!string.IsNullOrEmpty(apiGroup) && apiGroup != RbacGroup)
            {
                throw roleRef.Fail("apiGroup", $"'{apiGroup}' is not the RBAC group; write {RbacGroup}, or leave apiGroup out");
            }

            return new JsonObject { ["apiGroup"] = RbacGroup, ["kind"] = kind, ["name"] = name };
        }

        // kind, apiGroup, name, namespace (the API type's order). A ServiceAccount without a namespace is the CR's
        // namespace's (for a cluster-scoped CR, the RoleBinding's; a ClusterRoleBinding then needs it written).
        // Users and Groups belong to rbac.authorization.k8s.io, which the API server would fill in anyway.
        private static JsonObject Subject(ResourceItem subject, ResourceItem item, bool cluster, string bindingNamespace)
        {
            var kind = subject.String("kind") switch
            {
                var k when "ServiceAccount".Equals(k, StringComparison.OrdinalIgnoreCase) => "ServiceAccount",
                var k when "User".Equals(k, StringComparison.OrdinalIgnoreCase) => "User",
                var k when "Group".Equals(k, StringComparison.OrdinalIgnoreCase) => "Group",
                null or "" => throw subject.Fail("kind", "a subject needs its kind: ServiceAccount, User or Group"),
                var k => throw subject.Fail("kind", $"'{k}' is not a subject kind; write ServiceAccount, User or Group"),
            };

            var name = subject.String("name");
            if (string.IsNullOrEmpty(name))
            {
                throw subject.Fail("name", $"write the name of the {kind} the role is granted to");
            }

            var apiGroup = subject.String("apiGroup");
            var expectedGroup = kind == "ServiceAccount" ? string.Empty : RbacGroup;
            if (!string.IsNullOrEmpty(apiGroup) && apiGroup != expectedGroup)
            {
                throw subject.Fail("apiGroup", kind == "ServiceAccount"
                    ? "a ServiceAccount subject has no apiGroup; leave it out"
                    : $"a {kind} subject belongs to {RbacGroup}; write that, or leave apiGroup out");
            }

            var obj = new JsonObject { ["kind"] = kind };
            if (expectedGroup.Length > 0)
            {
                obj["apiGroup"] = expectedGroup;
            }

            obj["name"] = name;
            var ns = subject.String("namespace");
            if (kind == "ServiceAccount" && string.IsNullOrEmpty(ns))
            {
                ns = item.Owner.Namespace ?? (cluster
                    ? throw subject.Fail("namespace", "the CR is cluster-scoped, so write the namespace of the ServiceAccount")
                    : bindingNamespace);
            }

            if (!string.IsNullOrEmpty(ns))
            {
                obj["namespace"] = ns;
            }

            return obj;
        }
    }

    // Helpers the access and policy builders share.
    private static class AccessPolicyHelpers
    {
        public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        // A list of LocalObjectReferences ([{name}]), written as such or as plain names; empty names are left out
        // (a template that rendered nothing). Null when absent or empty.
        public static JsonArray? LocalReferences(ResourceItem item, string field)
        {
            var names = item.Node[field] switch
            {
                null or YamlScalar { IsNull: true } => Enumerable.Empty<string>(),
                YamlScalar => item.Strings(field),
                YamlSequence sequence when sequence.Items.All(i => i is YamlScalar) => item.Strings(field),
                YamlMapping => throw item.Fail(field, "must be a list of secret names, such as [regcred], or of references, such as [{name: regcred}]"),
                _ => item.Objects(field).Select(reference =>
                {
                    CheckKeys(reference, "a reference", "name");
                    return reference.String("name") ?? string.Empty;
                }).ToList(),
            };

            var list = new JsonArray(names.Where(n => n.Length > 0).Select(n => (JsonNode?)new JsonObject { ["name"] = n }).ToArray());
            return list.Count > 0 ? list : null;
        }

        // Fails on a key of a mapping the schema does not check (it is copied from a free-form field).
        public static void CheckKeys(ResourceItem view, string what, params string[] known)
        {
            foreach (var entry in view.Node.Entries)
            {
                if (System.Array.IndexOf(known, entry.Name) < 0)
                {
                    var hint = Suggestions.Closest(entry.Name, known) is { } close ? $"did you mean '{close}'? " : string.Empty;
                    throw view.Fail(entry.Name, $"'{entry.Name}' is not a field of {what}; {hint}known: {string.Join(", ", known)}");
                }
            }
        }

        // The fields of a profile definition that say what it sets: all but its description (upstream's list form
        // documents one beside the name).
        public static IEnumerable<string> ProfileFields(JsonObject profile) => profile.Select(p => p.Key).Where(k => k != "description");

        // A scalar of a profile definition as text (a profile's values are typed as YAML types them, 4 or "4"; the
        // katalog's own profiles have their templates rendered already).
        public static string ProfileText(JsonNode? node, ResourceItem view, string field, string what)
        {
            var text = node switch
            {
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                _ => throw view.Fail(field, $"{what} must be a single value, but is {Describe(node)}; fix the profile"),
            };

            return text;
        }

        // An integer of a profile definition; null when absent.
        public static long? ProfileInteger(JsonObject profile, string key, ResourceItem view, string field, string profileName)
        {
            if (profile[key] is null)
            {
                return null;
            }

            var what = $"{key} of profile '{profileName}'";
            var text = ProfileText(profile[key], view, field, what);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw view.Fail(field, $"{what} is '{text}', not a whole number; fix the profile");
        }

        private static string Describe(JsonNode? node) => node switch
        {
            null => "empty",
            JsonObject => "a mapping",
            JsonArray => "a list",
            _ => node.ToJsonString(),
        };
    }
}
