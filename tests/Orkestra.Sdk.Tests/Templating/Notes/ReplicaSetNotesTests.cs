using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The StatefulSet notes (<c>_pvcs</c>) and the ReplicaSet notes (<c>_owner</c>, <c>_replicaSets</c>).</summary>
public class ReplicaSetNotesTests
{
    private const string Data = """
        {
          "sts": { "status": { "currentRevision": "db-6d8f", "updateRevision": "db-7a2c" }, "_pvcs": [ { "metadata": { "name": "data-db-0" } }, {}, 3 ] },
          "rs": { "_owner": { "name": "web", "kind": "Deployment", "uid": "u-1" } },
          "deployment": {
            "status": { "currentReplicaSet": "web-2" },
            "_replicaSets": [ { "metadata": { "name": "web-1" } }, { "metadata": { "name": "web-2" } }, { "metadata": {} }, "x", { "metadata": { "name": "web-0" } } ]
          },
          "noCurrent": { "_replicaSets": [ { "metadata": { "name": "web-1" } } ] },
          "odd": { "status": { "currentRevision": 5 }, "_pvcs": "x", "_owner": "web", "_replicaSets": { "metadata": {} } }
        }
        """;

    [Theory]
    [InlineData("{{ statefulSetCurrentRevision .sts }} {{ statefulSetUpdateRevision .sts }} {{ statefulSetPVCCount .sts }}", "db-6d8f db-7a2c 3")]
    [InlineData("{{ replicaSetOwnerName .rs }} {{ replicaSetOwnerKind .rs }}", "web Deployment")]
    [InlineData("{{ deploymentReplicaSetCount .deployment }} {{ deploymentReplicaSets .deployment }} {{ oldDeploymentReplicaSets .deployment }}", "5 [web-1 web-2 web-0] [web-1 web-0]")]
    [InlineData("{{ oldDeploymentReplicaSets .noCurrent }} {{ len (oldDeploymentReplicaSets .noCurrent) }} {{ index (deploymentReplicaSets .noCurrent) 0 }}", "[] 0 web-1")]
    [InlineData("[{{ statefulSetCurrentRevision .odd }}] {{ statefulSetPVCCount .odd }} [{{ replicaSetOwnerName .odd }}] {{ deploymentReplicaSetCount .odd }} {{ deploymentReplicaSets .odd }}", "[] 0 [] 0 []")]
    [InlineData("{{ statefulSetPVCCount \"x\" }} [{{ replicaSetOwnerKind 1 }}] {{ deploymentReplicaSets .deployment._replicaSets }} {{ printf \"%T\" (statefulSetPVCCount .sts) }}", "0 [] [] int")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("[{{ statefulSetCurrentRevision .missing }}][{{ statefulSetUpdateRevision .missing }}] {{ statefulSetPVCCount .missing }}", "[][] 0")]
    [InlineData("[{{ replicaSetOwnerName .missing }}][{{ replicaSetOwnerKind .missing }}] {{ deploymentReplicaSetCount .missing }} {{ deploymentReplicaSets .missing }} {{ oldDeploymentReplicaSets .missing }}", "[][] 0 [] []")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
