using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

// The policy kinds: hpa, pdb, resourceQuotas, limitRanges (upstream's documentation/reference/schema/06-resources and
// concepts/profiles 05, 06, 08, 10), registered from AccessBuilders.cs. Fields are emitted in the order of the
// Kubernetes API types. Default names: <CR>-hpa and -pdb are upstream's; upstream documents none for ResourceQuotas
// and LimitRanges, so they take the suffixes of its examples, -quota and -limits.
internal static partial class ResourceKinds
{
    private static partial class PolicyBuilder
    {
        // What an HPA scales when it names no target: upstream's documentation is silent, so the Deployment a
        // deployments item of the same CR gets by default, <CR>-deployment.
        private const string DefaultTargetSuffix = "-deployment";

        private static readonly string[] HpaProfileKeys = { "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage", "targetMemoryUtilizationPercentage", "behavior" };

        public static void Register(Dictionary<string, ResourceKind> kinds)
        {
            kinds["hpa"] = new ResourceKind("hpa", "autoscaling/v2", "HorizontalPodAutoscaler", true, "-hpa", Hpa);
            kinds["pdb"] = new ResourceKind("pdb", "policy/v1", "PodDisruptionBudget", true, "-pdb", Pdb);
            kinds["resourceQuotas"] = new ResourceKind("resourceQuotas", "v1", "ResourceQuota", true, "-quota", ResourceQuota);
            kinds["limitRanges"] = new ResourceKind("limitRanges", "v1", "LimitRange", true, "-limits", LimitRange);
        }

        // HorizontalPodAutoscaler (autoscaling/v2): scaleTargetRef, minReplicas, maxReplicas, metrics, behavior.
        // behavior.profile (an hpa profile) gives the behavior block, and the CPU target unless the item declares
        // one (or declares its own metrics); a katalog's own hpa profile may also give minReplicas/maxReplicas and a
        // memory target. The item's explicit fields win over the profile's.
        private static JsonObject Hpa(ResourceItem item)
        {
            var behaviorView = item.Object("behavior");
            JsonObject? profile = null;
            var profileName = string.Empty;
            if (behaviorView?.String("profile") is { Length: > 0 } named)
            {
                if (behaviorView.Has("scaleUp") || behaviorView.Has("scaleDown"))
                {
                    throw behaviorView.Fail("profile", "behavior.profile and explicit scaleUp/scaleDown are mutually exclusive; keep the profile, or remove it and write both rules");
                }

                profile = behaviorView.Profile("hpa", named, "profile");
                profileName = named;
                foreach (var key in AccessPolicyHelpers.ProfileFields(profile))
                {
                    if (System.Array.IndexOf(HpaProfileKeys, key) < 0)
                    {
                        throw behaviorView.Fail("profile", $"hpa profile '{named}' has the field '{key}', which an hpa profile cannot set; it may set {string.Join(", ", HpaProfileKeys)}");
                    }
                }
            }

            var spec = new JsonObject { ["scaleTargetRef"] = ScaleTarget(item) };
            var min = item.Integer("minReplicas") ?? (profile is null ? null : AccessPolicyHelpers.ProfileInteger(profile, "minReplicas", behaviorView!, "profile", profileName));
            var max = item.Integer("maxReplicas") ?? (profile is null ? null : AccessPolicyHelpers.ProfileInteger(profile, "maxReplicas", behaviorView!, "profile", profileName))
                ?? throw item.Fail("maxReplicas", "an HPA needs maxReplicas, the most replicas it may scale to, such as \"10\"");

            // minReplicas 0 is accepted: Kubernetes allows it where the HPAScaleToZero feature gate is on.
            if (min < 0)
            {
                throw item.Fail("minReplicas", $"{min} is negative; write the fewest replicas to keep, such as 1");
            }

            if (max < 1)
            {
                throw item.Fail("maxReplicas", $"{max} would scale to nothing; write at least 1");
            }

            if (min > max)
            {
                throw item.Fail("minReplicas", $"{min} is more than maxReplicas ({max}); write a minReplicas no larger than maxReplicas");
            }

            if (min is { } minimum)
            {
                spec["minReplicas"] = minimum;
            }

            spec["maxReplicas"] = max;
            if (Metrics(item, profile, behaviorView, profileName) is { Count: > 0 } metrics)
            {
                spec["metrics"] = metrics;
            }

            if (profile?["behavior"] is { } profileBehavior)
            {
                spec["behavior"] = ProfileBehavior(profileBehavior, behaviorView!, profileName);
            }
            else if (behaviorView is not null && (behaviorView.Has("scaleUp") || behaviorView.Has("scaleDown")))
            {
                var behavior = new JsonObject();
                foreach (var direction in new[] { "scaleUp", "scaleDown" })
                {
                    if (behaviorView.Object(direction) is { } rules)
                    {
                        behavior[direction] = ScalingRules(rules);
                    }
                }

                spec["behavior"] = behavior;
            }

            return new JsonObject { ["spec"] = spec };
        }

        // kind, name, apiVersion (CrossVersionObjectReference's order). scaleTargetRef may leave out kind
        // (Deployment), apiVersion (apps/v1 for the apps kinds) and, for a Deployment, name; deploymentRef (written in
        // upstream's example) names a Deployment.
        private static JsonObject ScaleTarget(ResourceItem item)
        {
            string kind, name, apiVersion;
            if (item.Object("scaleTargetRef") is { } target)
            {
                if (item.Has("deploymentRef"))
                {
                    throw item.Fail("deploymentRef", "scaleTargetRef and deploymentRef both name the target; keep one");
                }

                kind = target.String("kind") is { Length: > 0 } k ? k : "Deployment";
                name = target.String("name") is { Length: > 0 } n ? n
                    : kind == "Deployment" ? item.Owner.Name + DefaultTargetSuffix
                    : throw target.Fail("name", $"write the name of the {kind} to scale");
                apiVersion = target.String("apiVersion") is { Length: > 0 } v ? v
                    : kind is "Deployment" or "StatefulSet" or "ReplicaSet" ? "apps/v1"
                    : throw target.Fail("apiVersion", $"write the apiVersion of the {kind} to scale, such as apps/v1");
                if (!ResourceItem.IsSubdomain(name))
                {
                    throw target.Fail("name", $"'{name}' is not a valid object name{target.RenderedFrom("name")}; use lowercase letters, digits, '-' and '.'");
                }
            }
            else
            {
                kind = "Deployment";
                apiVersion = "apps/v1";
                name = item.String("deploymentRef") is { Length: > 0 } deployment ? deployment : item.Owner.Name + DefaultTargetSuffix;
                if (!ResourceItem.IsSubdomain(name))
                {
                    throw item.Fail("deploymentRef", $"'{name}' is not a valid Deployment name{item.RenderedFrom("deploymentRef")}; use lowercase letters, digits, '-' and '.'");
                }
            }

            return new JsonObject { ["kind"] = kind, ["name"] = name, ["apiVersion"] = apiVersion };
        }

        // The Resource metrics of the percentage fields (cpu, then memory), then the item's own metrics. The profile's
        // CPU target applies only when the item declares neither targetCPUUtilizationPercentage nor metrics of its own.
        private static JsonArray Metrics(ResourceItem item, JsonObject? profile, ResourceItem? behaviorView, string profileName)
        {
            var own = item.Json("metrics");
            if (own is not null and not JsonArray)
            {
                throw item.Fail("metrics", "must be a list of autoscaling/v2 metrics, such as [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]");
            }

            var metrics = new JsonArray();
            foreach (var (field, resource) in new[] { ("targetCPUUtilizationPercentage", "cpu"), ("targetMemoryUtilizationPercentage", "memory") })
            {
                var percent = item.Integer(field);
                if (percent is null && own is null && profile is not null)
                {
                    percent = AccessPolicyHelpers.ProfileInteger(profile, field, behaviorView!, "profile", profileName);
                }

                if (percent is null)
                {
                    continue;
                }

                if (percent < 1)
                {
                    throw item.Fail(field, $"{percent} is not a utilization target; write a percentage of the pods' requests, such as 70");
                }

                if (own is JsonArray list && list.Any(m => (string?)m?["type"] == "Resource" && (string?)m?["resource"]?["name"] == resource))
                {
                    throw item.Fail(field, $"the metrics list already has a {resource} metric; declare the {resource} target once");
                }

                metrics.Add((JsonNode)new JsonObject
                {
                    ["type"] = "Resource",
                    ["resource"] = new JsonObject
                    {
                        ["name"] = resource,
                        ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percent },
                    },
                });
            }

            foreach (var metric in (JsonArray?)own ?? new JsonArray())
            {
                metrics.Add(metric?.DeepClone());
            }

            return metrics;
        }

        // HPAScalingRules in the API type's order: stabilizationWindowSeconds, selectPolicy, policies, tolerance.
        private static JsonObject ScalingRules(ResourceItem rules)
        {
            var obj = new JsonObject();
            if (rules.Integer("stabilizationWindowSeconds") is { } window)
            {
                obj["stabilizationWindowSeconds"] = window is >= 0 and <= 3600 ? window
                    : throw rules.Fail("stabilizationWindowSeconds", $"{window} is outside 0-3600; write a number of seconds such as 300");
            }

            if (rules.String("selectPolicy") is { Length: > 0 } select)
            {
                obj["selectPolicy"] = Canonical(select, "Max", "Min", "Disabled")
                    ?? throw rules.Fail("selectPolicy", $"'{select}' is not a select policy{rules.RenderedFrom("selectPolicy")}; write Max, Min or Disabled");
            }

            var policies = new JsonArray();
            foreach (var policy in rules.Objects("policies"))
            {
                var typeText = policy.String("type");
                var type = typeText is { Length: > 0 } ? Canonical(typeText, "Pods", "Percent") : null;
                var value = policy.Integer("value");
                var period = policy.Integer("periodSeconds");
                policies.Add((JsonNode)new JsonObject
                {
                    ["type"] = type ?? throw policy.Fail("type", (typeText is { Length: > 0 } ? $"'{typeText}' is not a policy type{policy.RenderedFrom("type")}; write" : "a policy needs its type:")
                        + " Pods (a number of pods) or Percent (a percentage of the current replicas)"),
                    ["value"] = value is > 0 ? value : throw policy.Fail("value", "write how many pods, or what percent, to scale by per period: a whole number above 0"),
                    ["periodSeconds"] = period is > 0 and <= 1800 ? period : throw policy.Fail("periodSeconds", "write the period of the policy in seconds, from 1 to 1800, such as 60"),
                });
            }

            if (policies.Count > 0)
            {
                obj["policies"] = policies;
            }

            if (rules.Quantity("tolerance") is { } tolerance)
            {
                obj["tolerance"] = tolerance;
            }

            return obj;
        }

        // A profile's behavior block, its numbers made integers (a katalog's own profile may write them as "300").
        private static JsonObject ProfileBehavior(JsonNode behavior, ResourceItem view, string profileName)
        {
            if (behavior is not JsonObject source)
            {
                throw view.Fail("profile", $"behavior of hpa profile '{profileName}' must be a mapping with scaleUp and scaleDown; fix the profile");
            }

            var result = (JsonObject)source.DeepClone();
            foreach (var (direction, rules) in result)
            {
                if (direction is not ("scaleUp" or "scaleDown") || rules is not JsonObject ruleSet)
                {
                    throw view.Fail("profile", $"behavior of hpa profile '{profileName}' may only hold the mappings scaleUp and scaleDown; fix the profile");
                }

                WholeNumber(ruleSet, "stabilizationWindowSeconds", view, profileName);
                foreach (var policy in ruleSet["policies"] as JsonArray ?? new JsonArray())
                {
                    if (policy is JsonObject entry)
                    {
                        WholeNumber(entry, "value", view, profileName);
                        WholeNumber(entry, "periodSeconds", view, profileName);
                    }
                }
            }

            return result;
        }

        private static void WholeNumber(JsonObject obj, string key, ResourceItem view, string profileName)
        {
            if (AccessPolicyHelpers.ProfileInteger(obj, key, view, "profile", profileName) is { } number)
            {
                obj[key] = number;
            }
        }

        // PodDisruptionBudget (policy/v1): minAvailable, selector, maxUnavailable, unhealthyPodEvictionPolicy. The
        // disruption limit is one of minAvailable, maxUnavailable (on the item or, as upstream also reads them, under
        // behavior) or behavior.profile (a pdb profile). Without a selector it protects the CR's workloads' pods
        // (app: <CR name>, the label every workload gives its pods).
        private static JsonObject Pdb(ResourceItem item)
        {
            var behavior = item.Object("behavior");
            var declared = new List<(ResourceItem View, string Field)>();
            foreach (var view in new[] { item, behavior })
            {
                foreach (var field in new[] { "minAvailable", "maxUnavailable", "profile" })
                {
                    if (view is not null && (view != item || field != "profile") && view.String(field) is { Length: > 0 })
                    {
                        declared.Add((view, field));
                    }
                }
            }

            if (declared.Count == 0)
            {
                throw item.Fail("minAvailable", "a PodDisruptionBudget needs minAvailable (such as 1 or \"50%\"), maxUnavailable, or behavior.profile (zero-downtime, rolling, relaxed)");
            }

            if (declared.Count > 1)
            {
                var (first, firstField) = declared[0];
                var (second, secondField) = declared[1];
                var already = first == item ? firstField : "behavior." + firstField;
                throw second.Fail(secondField, $"minAvailable, maxUnavailable and behavior.profile are mutually exclusive, and {already} is already set; keep one");
            }

            var (source, sourceField) = declared[0];
            string key;
            JsonNode value;
            if (sourceField == "profile")
            {
                var name = source.String("profile")!;
                var profile = source.Profile("pdb", name, "profile");
                var keys = AccessPolicyHelpers.ProfileFields(profile).ToList();
                if (keys.Count != 1 || keys[0] is not ("minAvailable" or "maxUnavailable"))
                {
                    throw source.Fail("profile", $"pdb profile '{name}' must set exactly one of minAvailable and maxUnavailable; fix the profile");
                }

                key = keys[0];
                var text = AccessPolicyHelpers.ProfileText(profile[key], source, "profile", $"{key} of profile '{name}'");
                value = DisruptionLimit(text) ?? throw source.Fail("profile", $"{key} of profile '{name}' is '{text}', neither a count nor a percentage up to 100%; fix the profile");
            }
            else
            {
                key = sourceField;
                var text = source.String(sourceField)!;
                value = DisruptionLimit(text)
                    ?? throw source.Fail(sourceField, $"'{text}' is neither a count nor a percentage up to 100%{source.RenderedFrom(sourceField)}; write a number of pods such as 1, or a percentage such as \"50%\"");
            }

            var spec = new JsonObject();
            if (key == "minAvailable")
            {
                spec["minAvailable"] = value;
            }

            spec["selector"] = Selector(item);
            if (key == "maxUnavailable")
            {
                spec["maxUnavailable"] = value;
            }

            if (item.String("unhealthyPodEvictionPolicy") is { Length: > 0 } policy)
            {
                spec["unhealthyPodEvictionPolicy"] = Canonical(policy, "IfHealthyBudget", "AlwaysAllow")
                    ?? throw item.Fail("unhealthyPodEvictionPolicy", $"'{policy}' is not an eviction policy{item.RenderedFrom("unhealthyPodEvictionPolicy")}; write IfHealthyBudget or AlwaysAllow");
            }

            return new JsonObject { ["spec"] = spec };
        }

        // An int-or-string disruption limit: a whole number of pods (an integer) or a percentage (a string); null if neither.
        private static JsonNode? DisruptionLimit(string text)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return JsonValue.Create(count);
            }

            return PercentPattern().IsMatch(text) && int.Parse(text.AsSpan(0, text.Length - 1), CultureInfo.InvariantCulture) <= 100 ? JsonValue.Create(text) : null;
        }

        // The selector: upstream's map of labels (matchLabels), or a full label selector {matchLabels, matchExpressions};
        // absent, the pods of the CR's workloads.
        private static JsonObject Selector(ResourceItem item)
        {
            if (item.Has("selector") && item.Node["selector"] is not YamlMapping)
            {
                throw item.Fail("selector", "must be a map of labels, such as {app: web}, or a label selector, such as {matchLabels: {app: web}}");
            }

            if (item.Object("selector") is not { } selector)
            {
                return new JsonObject { ["matchLabels"] = item.DefaultServiceSelector() };
            }

            if (!selector.Node.Contains("matchLabels") && !selector.Node.Contains("matchExpressions"))
            {
                var labels = item.StringMap("selector")!;
                return labels.Count > 0 ? new JsonObject { ["matchLabels"] = labels } : new JsonObject();
            }

            AccessPolicyHelpers.CheckKeys(selector, "a label selector", "matchLabels", "matchExpressions");
            var result = new JsonObject();
            if (selector.StringMap("matchLabels") is { } matchLabels)
            {
                result["matchLabels"] = matchLabels;
            }

            if (selector.Json("matchExpressions") is { } expressions)
            {
                result["matchExpressions"] = expressions is JsonArray ? expressions
                    : throw selector.Fail("matchExpressions", "must be a list such as [{key: tier, operator: In, values: [web]}]");
            }

            return result;
        }

        // ResourceQuota (v1): hard, scopes, scopeSelector. hard is the item's own, or a resourceQuotas profile's; as
        // upstream documents, an explicit hard wins and the profile is then ignored. Every limit must be a quantity;
        // hard is a map, which the API server returns with its keys sorted, and so is it here.
        private static JsonObject ResourceQuota(ResourceItem item)
        {
            var hard = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (item.Object("hard") is { Node.Count: > 0 } limits)
            {
                foreach (var entry in limits.Node.Entries)
                {
                    if (limits.Quantity(entry.Name) is { } quantity)
                    {
                        hard[entry.Name] = quantity;
                    }
                }
            }
            else if (item.String("profile") is { Length: > 0 } name)
            {
                var profile = item.Profile("resourceQuotas", name, "profile");
                if (profile["hard"] is not JsonObject profileHard || AccessPolicyHelpers.ProfileFields(profile).Count() != 1)
                {
                    throw item.Fail("profile", $"resourceQuotas profile '{name}' must be {{hard: {{...}}}}; fix the profile");
                }

                foreach (var (resource, node) in profileHard)
                {
                    var what = $"hard.{resource} of profile '{name}'";
                    var quantity = AccessPolicyHelpers.ProfileText(node, item, "profile", what);
                    hard[resource] = ResourceItem.IsQuantity(quantity) ? quantity : throw item.Fail("profile", $"{what} is '{quantity}', not a Kubernetes quantity; fix the profile");
                }
            }
            else
            {
                throw item.Fail("hard", "a ResourceQuota needs its limits: hard: {cpu: \"4\", memory: 8Gi, pods: \"20\"}, or profile: small, medium, large or xlarge");
            }

            var spec = new JsonObject { ["hard"] = new JsonObject(hard.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))) };
            if (item.Strings("scopes") is { Count: > 0 } scopes)
            {
                spec["scopes"] = AccessPolicyHelpers.Array(scopes.Where(s => s.Length > 0));
            }

            if (item.Json("scopeSelector") is { } scopeSelector)
            {
                spec["scopeSelector"] = scopeSelector is JsonObject ? scopeSelector
                    : throw item.Fail("scopeSelector", "must be {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]}");
            }

            return new JsonObject { ["spec"] = spec };
        }

        // LimitRange (v1): limits, the item's own or a limitRanges profile's (upstream has no built-in ones; a katalog
        // defines them under profiles.limitRanges as {limits: [...]}). limits and profile are mutually exclusive.
        private static JsonObject LimitRange(ResourceItem item)
        {
            var limits = new JsonArray();
            var profileName = item.String("profile");
            if (item.Has("limits"))
            {
                if (!string.IsNullOrEmpty(profileName))
                {
                    throw item.Fail("profile", "profile and limits are mutually exclusive; keep the profile, or the limits");
                }

                foreach (var limit in item.Objects("limits"))
                {
                    limits.Add((JsonNode)Limit(limit));
                }
            }
            else if (!string.IsNullOrEmpty(profileName))
            {
                var profile = item.Profile("limitRanges", profileName, "profile");
                if (profile["limits"] is not JsonArray profileLimits || AccessPolicyHelpers.ProfileFields(profile).Count() != 1)
                {
                    throw item.Fail("profile", $"limitRanges profile '{profileName}' must be {{limits: [...]}}; fix the profile");
                }

                foreach (var limit in profileLimits)
                {
                    limits.Add((JsonNode)ProfileLimit(limit, item, profileName));
                }
            }

            if (limits.Count == 0)
            {
                throw item.Fail("limits", "a LimitRange needs its limits, such as [{type: Container, default: {cpu: 500m, memory: 512Mi}, defaultRequest: {cpu: 250m, memory: 256Mi}}], or a profile of the katalog's profiles.limitRanges");
            }

            return new JsonObject { ["spec"] = new JsonObject { ["limits"] = limits } };
        }

        private static readonly string[] LimitMaps = { "max", "min", "default", "defaultRequest", "maxLimitRequestRatio" };

        // A LimitRangeItem in the API type's order: type, max, min, default, defaultRequest, maxLimitRequestRatio.
        private static JsonObject Limit(ResourceItem limit)
        {
            var typeText = limit.String("type");
            var obj = new JsonObject
            {
                ["type"] = LimitType(typeText) ?? throw limit.Fail("type", typeText is { Length: > 0 }
                    ? $"'{typeText}' is not a limit type{limit.RenderedFrom("type")}; write Container, Pod or PersistentVolumeClaim"
                    : "a limit needs its type: Container, Pod or PersistentVolumeClaim"),
            };

            foreach (var field in LimitMaps)
            {
                if (limit.Object(field) is { } map)
                {
                    var quantities = new JsonObject();
                    foreach (var entry in map.Node.Entries)
                    {
                        if (map.Quantity(entry.Name) is { } quantity)
                        {
                            quantities[entry.Name] = quantity;
                        }
                    }

                    obj[field] = quantities;
                }
            }

            return obj;
        }

        private static JsonObject ProfileLimit(JsonNode? node, ResourceItem item, string profileName)
        {
            if (node is not JsonObject source)
            {
                throw item.Fail("profile", $"the limits of limitRanges profile '{profileName}' must be mappings such as {{type: Container, default: {{cpu: 500m}}}}; fix the profile");
            }

            var typeText = source["type"] is { } type ? AccessPolicyHelpers.ProfileText(type, item, "profile", $"type of a limit of profile '{profileName}'") : null;
            var obj = new JsonObject
            {
                ["type"] = LimitType(typeText) ?? throw item.Fail("profile", $"a limit of profile '{profileName}' has type '{typeText}'; write Container, Pod or PersistentVolumeClaim in the profile"),
            };

            foreach (var (field, value) in source)
            {
                if (field == "type")
                {
                    continue;
                }

                if (System.Array.IndexOf(LimitMaps, field) < 0 || value is not JsonObject map)
                {
                    throw item.Fail("profile", $"a limit of profile '{profileName}' has '{field}', which is not a map of {string.Join(", ", LimitMaps)}; fix the profile");
                }

                var quantities = new JsonObject();
                foreach (var (resource, amount) in map)
                {
                    var what = $"{field}.{resource} of profile '{profileName}'";
                    var quantity = AccessPolicyHelpers.ProfileText(amount, item, "profile", what);
                    quantities[resource] = ResourceItem.IsQuantity(quantity) ? quantity : throw item.Fail("profile", $"{what} is '{quantity}', not a Kubernetes quantity; fix the profile");
                }

                obj[field] = quantities;
            }

            // The maps in the API type's order, whatever order the profile wrote them in.
            var ordered = new JsonObject { ["type"] = obj["type"]!.DeepClone() };
            foreach (var field in LimitMaps.Where(obj.ContainsKey))
            {
                ordered[field] = obj[field]!.DeepClone();
            }

            return ordered;
        }

        private static string? LimitType(string? text) => text is { Length: > 0 } ? Canonical(text, "Container", "Pod", "PersistentVolumeClaim") : null;

        // The spelling of an enum value among allowed ones, matched case-insensitively (max is Max); null if none.
        private static string? Canonical(string text, params string[] allowed) =>
            allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase));

        [GeneratedRegex("^[0-9]+%$")]
        private static partial Regex PercentPattern();
    }
}
