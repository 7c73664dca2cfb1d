using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The kubernetes and fields notes over child objects (<c>.children.KIND</c> is one object's map).</summary>
public class KubernetesNotesTests
{
    private const string Data = """
        {
          "children": {
            "deployment": {
              "metadata": {
                "name": "web", "namespace": "prod", "uid": "u-1", "resourceVersion": "99", "creationTimestamp": "2024-01-15T10:30:00Z",
                "generation": 5, "labels": { "app": "web" }, "annotations": { "a": "b" },
                "ownerReferences": [ { "kind": "ReplicaSet", "name": "web-1" }, { "kind": "Other", "name": "x" } ]
              },
              "spec": { "replicas": 2, "resources": { "requests": { "cpu": "250m", "memory": "64Mi" } } },
              "status": {
                "phase": "Running", "observedGeneration": 5,
                "conditions": [
                  { "type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok" },
                  { "type": "Progressing", "status": "False", "reason": "Stalled" }
                ]
              }
            },
            "placeholder": { "_placeholder": true },
            "bare": {},
            "weird": { "metadata": "x", "spec": [], "status": { "conditions": "y", "phase": 3 } },
            "stale": { "metadata": { "generation": 2 }, "status": { "observedGeneration": 1 } },
            "textGeneration": { "metadata": { "generation": "7" }, "status": { "observedGeneration": 7 } },
            "deleting": { "metadata": { "deletionTimestamp": "2026-01-15T10:00:00Z" } },
            "notDeleting": { "metadata": { "deletionTimestamp": "" } },
            "nullText": { "metadata": { "deletionTimestamp": "null" } },
            "deletingObject": { "metadata": { "deletionTimestamp": { "seconds": 1 } } }
          }
        }
        """;

    [Theory]
    [InlineData("{{ get .children.deployment \"spec\" \"replicas\" }} {{ get .children.deployment \"metadata\" \"labels\" \"app\" }}", "2 web")]
    [InlineData("[{{ get .children.deployment \"spec\" \"missing\" }}][{{ get .children.deployment \"metadata\" \"name\" \"deeper\" }}][{{ get .missing \"a\" }}]", "[][][]")]
    [InlineData("{{ (get .children \"deployment\" \"metadata\").namespace }} {{ get \"text\" }}", "prod text")]
    [InlineData("{{ (meta .children.deployment).name }} {{ len (meta .missing) }} {{ len (meta .children.weird) }}", "web 0 0")]
    [InlineData("{{ name .children.deployment }} {{ namespace .children.deployment }} [{{ name .missing }}][{{ namespace .children.weird }}]", "web prod [][]")]
    [InlineData("{{ (labels .children.deployment).app }} {{ len (labels .children.bare) }} {{ (annotations .children.deployment).a }} {{ len (annotations .missing) }}", "web 0 b 0")]
    [InlineData("{{ (spec .children.deployment).replicas }} {{ len (spec .children.weird) }} {{ len (status .missing) }} {{ (status .children.deployment).phase }}", "2 0 0 Running")]
    [InlineData("{{ phase .children.deployment }} [{{ phase .children.bare }}][{{ phase .children.weird }}][{{ phase .missing }}]", "Running [][][]")]
    [InlineData("{{ ownerKind .children.deployment }} {{ ownerName .children.deployment }} [{{ ownerKind .children.bare }}][{{ ownerName .missing }}]", "ReplicaSet web-1 [][]")]
    [InlineData("{{ hasCondition .children.deployment \"Available\" }} {{ hasCondition .children.deployment \"Progressing\" }} {{ hasCondition .children.deployment \"Nope\" }}", "true false false")]
    [InlineData("{{ hasCondition .missing \"Available\" }} {{ hasCondition .children.weird \"Available\" }} {{ hasCondition .children.deployment .missing }}", "false false false")]
    [InlineData("{{ conditionReason .children.deployment \"Available\" }} {{ conditionReason .children.deployment \"Progressing\" }} {{ conditionMessage .children.deployment \"Available\" }}", "MinimumReplicasAvailable Stalled ok")]
    [InlineData("[{{ conditionMessage .children.deployment \"Progressing\" }}][{{ conditionReason .children.deployment \"Nope\" }}][{{ conditionReason .missing \"A\" }}]", "[][][]")]
    [InlineData("{{ resourceExists .children.deployment }} {{ resourceExists .children.bare }} {{ resourceExists .children.placeholder }} {{ resourceExists .missing }} {{ resourceExists \"x\" }}", "true true false false false")]
    [InlineData("{{ isTerminating .children.deleting }} {{ isTerminating .children.deletingObject }} {{ isTerminating .children.notDeleting }} {{ isTerminating .children.nullText }}", "true true false false")]
    [InlineData("{{ isTerminating .children.deployment }} {{ isTerminating .missing }}", "false false")]
    [InlineData("{{ generation .children.deployment }} {{ observedGeneration .children.deployment }} {{ isSynced .children.deployment }}", "5 5 true")]
    [InlineData("{{ generation .children.stale }} {{ observedGeneration .children.stale }} {{ isSynced .children.stale }}", "2 1 false")]
    [InlineData("{{ generation .children.textGeneration }} {{ isSynced .children.textGeneration }} {{ isSynced .children.bare }} {{ isSynced .missing }}", "7 true true true")]
    [InlineData("{{ printf \"%T\" (generation .children.deployment) }} {{ generation .missing }}", "int 0")]
    [InlineData("{{ resourceCPU .children.deployment }} {{ resourceMemory .children.deployment }} [{{ resourceCPU .children.bare }}][{{ resourceMemory .missing }}]", "250m 64Mi [][]")]
    [InlineData("{{ resourceCPU .children.bare | default \"100m\" }}", "100m")]
    [InlineData("{{ resourceName .children.deployment }} {{ resourceNamespace .children.deployment }} {{ resourceUID .children.deployment }} {{ resourceVersion .children.deployment }}", "web prod u-1 99")]
    [InlineData("{{ creationTimestamp .children.deployment }} {{ timeFormat (creationTimestamp .children.deployment) \"2006\" }}", "2024-01-15T10:30:00Z 2024")]
    [InlineData("[{{ resourceName .missing }}][{{ resourceNamespace .children.bare }}][{{ resourceUID .children.weird }}][{{ resourceVersion .missing }}][{{ creationTimestamp .missing }}]", "[][][][][]")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ get .children 1 }}", "error calling get: wrong type for value; expected string; got int")]
    [InlineData("{{ hasCondition .children.deployment 1 }}", "expected string; got int")]
    [InlineData("{{ conditionReason .children.deployment true }}", "expected string; got bool")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
