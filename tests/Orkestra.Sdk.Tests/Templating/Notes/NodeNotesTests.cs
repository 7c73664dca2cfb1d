using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The Node notes, and the pod-node notes over <c>_node</c> (<c>enrich: [node]</c>).</summary>
public class NodeNotesTests
{
    private const string Data = """
        {
          "node": {
            "spec": { "taints": [ { "key": "node.kubernetes.io/not-ready", "effect": "NoSchedule" }, { "effect": "NoExecute" }, "x", { "key": "dedicated" } ] },
            "status": {
              "allocatable": { "cpu": "3920m", "memory": "15032020Ki" },
              "conditions": [ { "type": "MemoryPressure", "status": "False" }, { "type": "Ready", "status": "True" }, { "type": "Ready", "status": "False" }, { "type": "DiskPressure" } ]
            }
          },
          "notReady": { "status": { "conditions": [ 3, { "type": "Ready", "status": "Unknown" } ] } },
          "pod": { "_node": { "name": "ip-10-0-1-5", "zone": "us-east-2a", "region": "us-east-2", "instanceType": "t3.medium" } },
          "odd": { "spec": { "taints": "x" }, "status": { "allocatable": { "cpu": 4 }, "conditions": { "type": "Ready" } }, "_node": "node-a" }
        }
        """;

    [Theory]
    [InlineData("{{ nodeReady .node }} {{ nodeAllocatableCPU .node }} {{ nodeAllocatableMemory .node }} {{ nodeTaints .node }}", "true 3920m 15032020Ki node.kubernetes.io/not-ready, dedicated")]
    [InlineData("{{ nodeCondition .node \"MemoryPressure\" }} {{ nodeCondition .node \"Ready\" }} [{{ nodeCondition .node \"DiskPressure\" }}][{{ nodeCondition .node \"PIDPressure\" }}]", "False True [][]")]
    [InlineData("{{ nodeReady .notReady }} {{ nodeCondition .notReady \"Ready\" }} [{{ nodeTaints .notReady }}]", "false Unknown []")]
    [InlineData("{{ podNodeName .pod }} {{ podNodeZone .pod }} {{ podNodeRegion .pod }} {{ podNodeInstanceType .pod }}", "ip-10-0-1-5 us-east-2a us-east-2 t3.medium")]
    [InlineData("{{ nodeReady .odd }} [{{ nodeAllocatableCPU .odd }}][{{ nodeTaints .odd }}][{{ podNodeName .odd }}][{{ nodeCondition .odd \"Ready\" }}]", "false [][][][]")]
    [InlineData("{{ nodeReady \"x\" }} [{{ nodeTaints 1 }}][{{ podNodeZone .pod._node }}][{{ nodeCondition .node.status \"Ready\" }}]", "false [][][]")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ nodeReady .missing }} [{{ nodeAllocatableCPU .missing }}][{{ nodeAllocatableMemory .missing }}][{{ nodeTaints .missing }}][{{ nodeCondition .missing \"Ready\" }}]", "false [][][][]")]
    [InlineData("[{{ podNodeName .missing }}][{{ podNodeZone .missing }}][{{ podNodeRegion .missing }}][{{ podNodeInstanceType .missing }}][{{ nodeCondition .node .missing }}]", "[][][][][]")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ nodeCondition .node 1 }}", "error calling nodeCondition: wrong type for value; expected string; got int")]
    [InlineData("{{ nodeCondition .node true }}", "expected string; got bool")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
