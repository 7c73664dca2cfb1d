using System.Text.Json.Nodes;

namespace Orkestra.Resources;

// The built-in profiles of the workload kinds, with upstream's names and values (its documentation,
// concepts/profiles: 02 resource, 03 probe, 04 security, 07 rolling update). Each definition is written in the
// Kubernetes shape it expands into (fields in the API types' order), and a katalog's own profile of a class is
// written the same way:
//   resources:         {limits: {cpu, memory}, requests: {cpu, memory}}
//   probes:            {initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold}
//   containerSecurity: a container securityContext
//   podSecurity:       a pod securityContext
//   rollingUpdate:     {maxSurge, maxUnavailable}
internal sealed partial class ProfileCatalog
{
    static partial void AddWorkloadProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns)
    {
        Add(builtIns, "resources", """
            {
              "tiny":          { "limits": { "cpu": "100m", "memory": "128Mi" }, "requests": { "cpu": "25m",  "memory": "64Mi" } },
              "small":         { "limits": { "cpu": "500m", "memory": "512Mi" }, "requests": { "cpu": "100m", "memory": "128Mi" } },
              "medium":        { "limits": { "cpu": "1",    "memory": "1Gi" }, "requests": { "cpu": "250m", "memory": "256Mi" } },
              "large":         { "limits": { "cpu": "2",    "memory": "2Gi" }, "requests": { "cpu": "500m", "memory": "512Mi" } },
              "burst":         { "limits": { "cpu": "2",    "memory": "2Gi" }, "requests": { "cpu": "200m", "memory": "256Mi" } },
              "steady":        { "limits": { "cpu": "600m", "memory": "512Mi" }, "requests": { "cpu": "300m", "memory": "256Mi" } },
              "compute-heavy": { "limits": { "cpu": "2",    "memory": "1Gi" }, "requests": { "cpu": "1",    "memory": "512Mi" } },
              "memory-heavy":  { "limits": { "cpu": "500m", "memory": "2Gi" }, "requests": { "cpu": "250m", "memory": "1Gi" } }
            }
            """);

        // successThreshold 1 in every profile: the only value Kubernetes accepts for liveness and startup probes.
        Add(builtIns, "probes", """
            {
              "fast":       { "initialDelaySeconds": 5,  "timeoutSeconds": 5,  "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 2 },
              "standard":   { "initialDelaySeconds": 15, "timeoutSeconds": 10, "periodSeconds": 20, "successThreshold": 1, "failureThreshold": 3 },
              "patient":    { "initialDelaySeconds": 30, "timeoutSeconds": 10, "periodSeconds": 30, "successThreshold": 1, "failureThreshold": 5 },
              "slow-start": { "initialDelaySeconds": 0,  "timeoutSeconds": 10, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 30 }
            }
            """);

        Add(builtIns, "containerSecurity", """
            {
              "baseline":   { "capabilities": { "drop": ["NET_RAW"] }, "allowPrivilegeEscalation": false },
              "restricted": { "capabilities": { "drop": ["ALL"] }, "runAsNonRoot": true, "allowPrivilegeEscalation": false },
              "hardened":   { "capabilities": { "drop": ["ALL"] }, "runAsNonRoot": true, "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false }
            }
            """);

        Add(builtIns, "podSecurity", """
            {
              "baseline":   { "runAsNonRoot": false },
              "restricted": { "runAsUser": 1000, "runAsNonRoot": true },
              "hardened":   { "runAsUser": 65534, "runAsGroup": 65534, "runAsNonRoot": true, "fsGroup": 65534 }
            }
            """);

        Add(builtIns, "rollingUpdate", """
            {
              "safe":       { "maxSurge": 1,      "maxUnavailable": 0 },
              "fast":       { "maxSurge": "25%",  "maxUnavailable": "25%" },
              "blue-green": { "maxSurge": "100%", "maxUnavailable": 0 }
            }
            """);
    }
}
