using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The pod notes over <c>_pods</c>, the pod summaries that <c>enrich: [pods]</c> embeds.</summary>
public class PodNotesTests
{
    private const string Data = """
        {
          "sts": { "_pods": [
            { "name": "db-0", "ip": "10.0.0.1", "phase": "Running", "ready": true, "node": "n1", "restartCount": 0, "ordinal": 0,
              "containers": [ { "name": "db", "state": "Running", "reason": "" }, { "name": "sidecar", "state": "Waiting", "reason": "CrashLoopBackOff" } ] },
            { "name": "db-1", "ip": "", "phase": "Pending", "ready": false, "node": "", "restartCount": 2.5, "ordinal": 1,
              "containers": [ { "name": "db", "state": "Waiting", "reason": "ImagePullBackOff" }, { "name": "sidecar", "state": "Waiting", "reason": "CrashLoopBackOff" } ] },
            { "name": "db-2", "ip": "10.0.0.3", "phase": "Running", "ready": "true", "node": "n2", "restartCount": "9", "ordinal": 2.9 }
          ] },
          "restarts": { "_pods": [ { "restartCount": 3 } ] },
          "twice": { "_pods": [ { "restartCount": 2 }, { "restartCount": "7" } ] },
          "reasons": { "_pods": [
            { "containers": [ { "reason": "OOMKilled" }, { "reason": "Error" }, { "reason": "ErrImagePull" }, { "reason": "InvalidImageName" } ] },
            { "containers": [ { "reason": "RunContainerError" }, { "reason": "CreateContainerError" }, { "reason": "PreStartHookError" }, { "reason": "PostStartHookError" } ] }
          ] },
          "noOrdinal": { "_pods": [ { "name": "web-abc" } ] },
          "odd": { "_pods": [ null, 3, "x", [], { "name": 5, "ip": "10.0.0.9", "containers": "x" } ] },
          "notAList": { "_pods": { "name": "x" } },
          "plain": { "spec": { "replicas": 1 } }
        }
        """;

    [Theory]
    [InlineData("{{ podNames .sts }} | {{ podIPs .sts }} | {{ podPhases .sts }} | {{ podNodes .sts }}", "db-0, db-1, db-2 | 10.0.0.1, 10.0.0.3 | Running, Pending, Running | n1, n2")]
    [InlineData("{{ podCount .sts }} {{ readyPodCount .sts }} {{ podMaxRestarts .sts }} {{ podMaxRestarts .restarts }}", "3 1 2 3")]
    [InlineData("{{ printf \"%T %T\" (podCount .sts) (podMaxRestarts .sts) }}", "int int")]
    [InlineData("{{ hasCrashingPod .sts }} {{ hasCrashingPod .restarts }} {{ hasCrashingPod .twice }} {{ hasCrashingPod .plain }}", "true true false false")]
    [InlineData("{{ (podByOrdinal .sts 1).name }} {{ (podByOrdinal .sts 2).ip }} {{ (podByOrdinal .sts 0).ready }} [{{ podByOrdinal .sts 7 }}]", "db-1 10.0.0.3 true []")]
    [InlineData("{{ (podByOrdinal .noOrdinal 0).name }} {{ (podByOrdinal .sts \"1\").name }} {{ (podByOrdinal .sts 2.0).name }}", "web-abc db-1 db-2")]
    [InlineData("{{ podCrashLoopDetected .sts }} {{ podImagePullBackOffDetected .sts }} {{ podOOMKilledDetected .sts }} {{ podErrorDetected .sts }}", "true true false false")]
    [InlineData("{{ podOOMKilledDetected .reasons }} {{ podErrorDetected .reasons }} {{ podErrImagePullDetected .reasons }} {{ podInvalidImageNameDetected .reasons }}", "true true true true")]
    [InlineData("{{ podRunContainerErrorDetected .reasons }} {{ podCreateContainerErrorDetected .reasons }} {{ podPreStartHookErrorDetected .reasons }} {{ podPostStartHookErrorDetected .reasons }}", "true true true true")]
    [InlineData("{{ hasCrashingPod .reasons }} {{ podCrashLoopDetected .reasons }}", "true false")]
    [InlineData("{{ podContainerReasons .sts }} | {{ podContainerReasons .reasons }}", "CrashLoopBackOff, ImagePullBackOff | OOMKilled, Error, ErrImagePull, InvalidImageName, RunContainerError, CreateContainerError, PreStartHookError, PostStartHookError")]
    [InlineData("{{ podContainerState .sts 0 \"db\" }} {{ podContainerState .sts 1 \"sidecar\" }} [{{ podContainerState .sts 0 \"nope\" }}][{{ podContainerState .sts 5 \"db\" }}]", "Running Waiting [][]")]
    [InlineData("{{ podCount .odd }} [{{ podNames .odd }}] {{ podIPs .odd }} {{ readyPodCount .odd }} {{ podMaxRestarts .odd }} {{ hasCrashingPod .odd }} [{{ podContainerReasons .odd }}]", "5 [] 10.0.0.9 0 0 false []")]
    [InlineData("{{ podCount .notAList }} [{{ podNames .notAList }}] {{ podCount .plain }} [{{ podPhases .plain }}]", "0 [] 0 []")]
    [InlineData("{{ podCount \"x\" }} [{{ podNames 5 }}] {{ hasCrashingPod .sts._pods }} [{{ podByOrdinal \"x\" 0 }}] [{{ podContainerState 1 0 \"db\" }}]", "0 [] false [] []")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("[{{ podNames .missing }}][{{ podIPs .missing }}][{{ podPhases .missing }}][{{ podNodes .missing }}][{{ podContainerReasons .missing }}]", "[][][][][]")]
    [InlineData("{{ podCount .missing }} {{ readyPodCount .missing }} {{ podMaxRestarts .missing }} {{ hasCrashingPod .missing }} {{ podCrashLoopDetected .missing }}", "0 0 0 false false")]
    [InlineData("[{{ podByOrdinal .missing 0 }}][{{ (podByOrdinal .sts .missing).name }}][{{ podContainerState .missing 0 \"db\" }}][{{ podContainerState .sts 0 .missing }}]", "[][db-0][][]")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ podByOrdinal .sts \"first\" }}", "error calling podByOrdinal: wrong type for value; expected int; got string")]
    [InlineData("{{ podContainerState .sts true \"db\" }}", "expected int; got bool")]
    [InlineData("{{ podContainerState .sts 0 1 }}", "expected string; got int")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
