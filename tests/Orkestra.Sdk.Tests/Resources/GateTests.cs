using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>The <c>preReconcile</c> gates and sentinels as the renderer reads and evaluates them.</summary>
public class GateTests
{
    private const string Gates = """
        preReconcile:
          sentinels: [generationChanged]
          when:
            - field: metadata.labels.paused
              notEquals: "true"
          reconcileGate:
            or:
              - field: spec.replicas
                gt: 0
              - field: "{{ generationChanged }}"
                equals: "true"
          enqueueGate:
            when:
              - field: metadata.namespace
                notEquals: ignored
        """;

    private static JsonObject Cr(string ns = "web", string paused = "false", int replicas = 2) => new()
    {
        ["apiVersion"] = "demo.io/v1",
        ["kind"] = "Website",
        ["metadata"] = new JsonObject { ["name"] = "hello", ["namespace"] = ns, ["uid"] = "1234-abcd", ["labels"] = new JsonObject { ["paused"] = paused } },
        ["spec"] = new JsonObject { ["replicas"] = replicas, ["regions"] = new JsonArray("eu") },
    };

    private static Dictionary<string, object?> Sentinels(bool generationChanged) => new(StringComparer.Ordinal)
    {
        ["sentinels"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["generationChanged"] = generationChanged },
    };

    private static ResourceRenderer Renderer(string operatorBox) => TestKatalogs.Renderer(TestKatalogs.LoadKatalog(
        "spec:\n  crds:\n    website:\n      crdFile: ./crd.yaml\n      operatorBox:\n" + TestKatalogs.Indent(operatorBox, 8)));

    [Fact]
    public void The_reconcile_gate_is_preReconciles_own_conditions_and_the_reconcileGate_together()
    {
        var renderer = Renderer(Gates);

        Assert.True(renderer.HasGate(GateKind.Reconcile));
        Assert.Equal(["generationChanged"], renderer.Sentinels);
        Assert.Equal(GateDecision.Opened, renderer.CheckGate(GateKind.Reconcile, Cr(), Sentinels(false)));

        var paused = renderer.CheckGate(GateKind.Reconcile, Cr(paused: "true"), Sentinels(true));
        Assert.False(paused.Open);
        Assert.Equal("spec.crds.website.operatorBox.preReconcile", paused.Gate);
        Assert.Null(paused.Error);

        var idle = renderer.CheckGate(GateKind.Reconcile, Cr(replicas: 0), Sentinels(false));
        Assert.False(idle.Open);
        Assert.Equal("spec.crds.website.operatorBox.preReconcile.reconcileGate", idle.Gate);

        // The sentinel a template calls comes from the data the runtime passes.
        Assert.True(renderer.CheckGate(GateKind.Reconcile, Cr(replicas: 0), Sentinels(true)).Open);
    }

    [Fact]
    public void The_enqueue_gate_is_its_own_and_an_entry_without_gates_is_always_open()
    {
        var renderer = Renderer(Gates);
        Assert.True(renderer.CheckGate(GateKind.Enqueue, Cr(paused: "true"), null).Open);
        var ignored = renderer.CheckGate(GateKind.Enqueue, Cr(ns: "ignored"), null);
        Assert.False(ignored.Open);
        Assert.Equal("spec.crds.website.operatorBox.preReconcile.enqueueGate", ignored.Gate);

        var plain = Renderer("reconcile: {workers: 1}");
        Assert.False(plain.HasGate(GateKind.Enqueue));
        Assert.False(plain.HasGate(GateKind.Reconcile));
        Assert.Empty(plain.Sentinels);
        Assert.Same(GateDecision.Opened, plain.CheckGate(GateKind.Reconcile, Cr(), null));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("failPolicy: closed", false)]
    [InlineData("failPolicy: open", true)]
    public void A_gate_that_cannot_be_evaluated_closes_unless_its_fail_policy_is_open(string policy, bool open)
    {
        var renderer = Renderer("""
            preReconcile:
              reconcileGate:
                POLICY
                when:
                  - field: "{{ index .spec.regions 5 }}"
                    equals: eu
            """.Replace("POLICY", policy, StringComparison.Ordinal));

        var decision = renderer.CheckGate(GateKind.Reconcile, Cr(), null);

        Assert.Equal(open, decision.Open);
        Assert.StartsWith("spec.crds.website.operatorBox.preReconcile.reconcileGate: ", decision.Error, StringComparison.Ordinal);
        Assert.Contains("Website web/hello", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gate_closed_by_a_condition_after_an_error_it_let_through_is_simply_closed()
    {
        var renderer = Renderer("""
            preReconcile:
              when:
                - field: "{{ index .spec.regions 5 }}"
                  equals: eu
              reconcileGate:
                failPolicy: open
                when:
                  - field: spec.replicas
                    gt: 5
            """);

        var decision = renderer.CheckGate(GateKind.Reconcile, Cr(), null);

        Assert.Equal(new GateDecision(false, "spec.crds.website.operatorBox.preReconcile.reconcileGate", null), decision);
    }

    [Fact]
    public void An_unknown_sentinel_is_a_located_error_and_external_calls_say_they_are_not_made_yet()
    {
        var load = TestKatalogs.LoadKatalog("""
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    preReconcile:
                      sentinels: [generationChange]
                      reconcileGate:
                        eventAware: true
                        external: [{name: flags, url: "http://flags.local/{{ .metadata.name }}"}]
            """);

        var sentinel = Assert.Single(load.Diagnostics, d => d.Message.Contains("generationChange", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Error, sentinel.Severity);
        Assert.Contains("generationChanged", sentinel.Message, StringComparison.Ordinal);
        Assert.Equal(10, sentinel.Location.Line);
        var notActedOn = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info && d.Id == "ORK022").Select(d => d.Location.Line).ToList();
        Assert.Equal([12, 13], notActedOn);
    }

    [Fact]
    public void External_calls_in_resource_blocks_admission_and_hooks_say_they_are_not_made_yet()
    {
        var load = TestKatalogs.LoadKatalog("""
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  admission:
                    validation: {external: [{name: a, url: "http://a.local"}]}
                    mutation: {external: [{name: b, url: "http://b.local"}]}
                  operatorBox:
                    reconcile:
                      hooks: {external: [{name: c, url: "http://c.local"}]}
                      onReconcile:
                        external: [{name: d, url: "http://d.local"}]
            """);

        Assert.Equal([9, 10, 13, 15], load.Diagnostics.Where(d => d.Id == "ORK022").Select(d => d.Location.Line).Order());
    }
}
