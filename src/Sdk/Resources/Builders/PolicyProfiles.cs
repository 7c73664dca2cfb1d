using System.Text.Json.Nodes;

namespace Orkestra.Resources;

// The built-in profiles of the policy kinds, with upstream's names and values (its documentation, concepts/profiles:
// 05 hpa behavior, 06 pdb, 08 resource quota). Each definition is written in the shape a katalog's own profile of the
// class takes (concepts/profiles/10), fields in the Kubernetes API types' order:
//   hpa:            {minReplicas, maxReplicas, targetCPUUtilizationPercentage, targetMemoryUtilizationPercentage,
//                    behavior: {scaleUp, scaleDown}} (the built-ins set the CPU target and the behavior)
//   pdb:            {minAvailable} or {maxUnavailable}
//   resourceQuotas: {hard: {...}} (keys sorted, as the API server returns the map)
//   limitRanges:    {limits: [...]} (upstream has no built-in ones; a katalog defines its own)
internal sealed partial class ProfileCatalog
{
    static partial void AddPolicyProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns)
    {
        Add(builtIns, "hpa", """
            {
              "web": {
                "targetCPUUtilizationPercentage": 70,
                "behavior": {
                  "scaleUp": { "stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                    { "type": "Percent", "value": 100, "periodSeconds": 15 }, { "type": "Pods", "value": 4, "periodSeconds": 15 } ] },
                  "scaleDown": { "stabilizationWindowSeconds": 300, "selectPolicy": "Min", "policies": [
                    { "type": "Percent", "value": 10, "periodSeconds": 60 } ] }
                }
              },
              "api": {
                "targetCPUUtilizationPercentage": 60,
                "behavior": {
                  "scaleUp": { "stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                    { "type": "Percent", "value": 100, "periodSeconds": 15 }, { "type": "Pods", "value": 4, "periodSeconds": 15 } ] },
                  "scaleDown": { "stabilizationWindowSeconds": 600, "selectPolicy": "Min", "policies": [
                    { "type": "Percent", "value": 5, "periodSeconds": 60 } ] }
                }
              },
              "latency-sensitive": {
                "targetCPUUtilizationPercentage": 50,
                "behavior": {
                  "scaleUp": { "stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                    { "type": "Percent", "value": 200, "periodSeconds": 15 }, { "type": "Pods", "value": 10, "periodSeconds": 15 } ] },
                  "scaleDown": { "stabilizationWindowSeconds": 900, "selectPolicy": "Min", "policies": [
                    { "type": "Percent", "value": 5, "periodSeconds": 120 } ] }
                }
              },
              "batch": {
                "targetCPUUtilizationPercentage": 80,
                "behavior": {
                  "scaleUp": { "stabilizationWindowSeconds": 30, "selectPolicy": "Max", "policies": [
                    { "type": "Percent", "value": 100, "periodSeconds": 60 } ] },
                  "scaleDown": { "stabilizationWindowSeconds": 120, "selectPolicy": "Min", "policies": [
                    { "type": "Percent", "value": 50, "periodSeconds": 60 } ] }
                }
              },
              "cost-optimized": {
                "targetCPUUtilizationPercentage": 80,
                "behavior": {
                  "scaleUp": { "stabilizationWindowSeconds": 180, "selectPolicy": "Min", "policies": [
                    { "type": "Percent", "value": 25, "periodSeconds": 60 } ] },
                  "scaleDown": { "stabilizationWindowSeconds": 60, "selectPolicy": "Max", "policies": [
                    { "type": "Percent", "value": 50, "periodSeconds": 60 } ] }
                }
              }
            }
            """);

        // minAvailable: 100% keeps every pod; a whole count is an integer, as the int-or-string field takes it.
        Add(builtIns, "pdb", """
            {
              "zero-downtime": { "minAvailable": "100%" },
              "rolling":       { "maxUnavailable": 1 },
              "relaxed":       { "maxUnavailable": "25%" }
            }
            """);

        Add(builtIns, "resourceQuotas", """
            {
              "small":  { "hard": { "cpu": "2",  "limits.cpu": "2",  "limits.memory": "4Gi",  "memory": "4Gi",  "pods": "10",  "requests.cpu": "1", "requests.memory": "2Gi" } },
              "medium": { "hard": { "cpu": "4",  "limits.cpu": "4",  "limits.memory": "8Gi",  "memory": "8Gi",  "pods": "20",  "requests.cpu": "2", "requests.memory": "4Gi" } },
              "large":  { "hard": { "cpu": "8",  "limits.cpu": "8",  "limits.memory": "16Gi", "memory": "16Gi", "pods": "50",  "requests.cpu": "4", "requests.memory": "8Gi" } },
              "xlarge": { "hard": { "cpu": "16", "limits.cpu": "16", "limits.memory": "32Gi", "memory": "32Gi", "pods": "100", "requests.cpu": "8", "requests.memory": "16Gi" } }
            }
            """);
    }
}
