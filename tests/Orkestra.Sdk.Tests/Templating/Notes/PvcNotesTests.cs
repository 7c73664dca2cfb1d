using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The PersistentVolumeClaim notes, including <c>_pv</c> (<c>enrich: [pvc]</c>) and <c>_storageClass</c> (<c>enrich: [storageclass]</c>).</summary>
public class PvcNotesTests
{
    private const string Data = """
        {
          "bound": {
            "spec": { "storageClassName": "standard", "accessModes": [ "ReadWriteOnce", "", 3, "ReadOnlyMany" ], "resources": { "requests": { "storage": "10Gi" } } },
            "status": { "phase": "Bound" },
            "_pv": { "metadata": { "annotations": { "pv.kubernetes.io/provisioned-by": "ebs.csi.aws.com" } }, "spec": { "volumeMode": "Block" } },
            "_storageClass": { "provisioner": "kubernetes.io/aws-ebs", "reclaimPolicy": "Delete" }
          },
          "pending": { "spec": { "resources": {} }, "status": { "phase": "Pending" } },
          "specPolicy": { "_storageClass": { "spec": { "reclaimPolicy": "Retain" } } },
          "odd": { "spec": { "accessModes": "ReadWriteOnce", "storageClassName": 5 }, "status": { "phase": true }, "_pv": "pv-1", "_storageClass": { "provisioner": 3, "reclaimPolicy": 4 } }
        }
        """;

    [Theory]
    [InlineData("{{ pvcBound .bound }} {{ pvcPhase .bound }} {{ pvcCapacity .bound }} {{ pvcStorageClass .bound }}", "true Bound 10Gi standard")]
    [InlineData("{{ pvcAccessModes .bound }} | {{ pvcProvisioner .bound }} | {{ pvcVolumeMode .bound }}", "ReadWriteOnce, ReadOnlyMany | ebs.csi.aws.com | Block")]
    [InlineData("{{ pvcStorageClassProvisioner .bound }} {{ pvcStorageClassReclaimPolicy .bound }} {{ pvcStorageClassReclaimPolicy .specPolicy }}", "kubernetes.io/aws-ebs Delete Retain")]
    [InlineData("{{ pvcBound .pending }} {{ pvcPhase .pending }} [{{ pvcCapacity .pending }}][{{ pvcStorageClass .pending }}][{{ pvcProvisioner .pending }}][{{ pvcVolumeMode .pending }}]", "false Pending [][][][]")]
    [InlineData("{{ pvcBound .odd }} [{{ pvcPhase .odd }}][{{ pvcAccessModes .odd }}][{{ pvcStorageClass .odd }}][{{ pvcProvisioner .odd }}][{{ pvcStorageClassProvisioner .odd }}][{{ pvcStorageClassReclaimPolicy .odd }}]", "false [][][][][][]")]
    [InlineData("{{ pvcBound \"Bound\" }} [{{ pvcCapacity 10 }}] [{{ pvcAccessModes .bound.spec.accessModes }}]", "false [] []")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ pvcBound .missing }} [{{ pvcPhase .missing }}][{{ pvcCapacity .missing }}][{{ pvcStorageClass .missing }}][{{ pvcAccessModes .missing }}]", "false [][][][]")]
    [InlineData("[{{ pvcProvisioner .missing }}][{{ pvcVolumeMode .missing }}][{{ pvcStorageClassProvisioner .missing }}][{{ pvcStorageClassReclaimPolicy .missing }}]", "[][][][]")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
