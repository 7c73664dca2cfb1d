using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The PVC notes (upstream <c>pkg/note/kube_pvc.go</c>): a PersistentVolumeClaim's phase, requested capacity,
/// storage class and access modes; the bound PersistentVolume that <c>enrich: [pvc]</c> embeds (<c>_pv</c>); and the
/// StorageClass that <c>enrich: [storageclass]</c> embeds (<c>_storageClass</c>). Absent values give "".
/// </summary>
internal static class PvcNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("pvcBound", c => PathText(c.Arguments[0], "status", "phase") == "Bound");
        notes.Add("pvcPhase", c => PathText(c.Arguments[0], "status", "phase"));
        notes.Add("pvcCapacity", c => PathText(c.Arguments[0], "spec", "resources", "requests", "storage"));
        notes.Add("pvcStorageClass", c => PathText(c.Arguments[0], "spec", "storageClassName"));
        notes.Add("pvcAccessModes", c =>
        {
            var modes = new List<string>();
            foreach (var mode in PathList(c.Arguments[0], "spec", "accessModes"))
            {
                if (mode is string { Length: > 0 } text)
                {
                    modes.Add(text);
                }
            }

            return JoinComma(modes);
        });
        notes.Add("pvcProvisioner", c => PathText(Path(c.Arguments[0], "_pv"), "metadata", "annotations", "pv.kubernetes.io/provisioned-by"));
        notes.Add("pvcVolumeMode", c => PathText(Path(c.Arguments[0], "_pv"), "spec", "volumeMode"));
        notes.Add("pvcStorageClassProvisioner", c => PathText(c.Arguments[0], "_storageClass", "provisioner"));
        notes.Add("pvcStorageClassReclaimPolicy", c =>
        {
            // A StorageClass keeps reclaimPolicy at the top level; upstream's documentation names spec.reclaimPolicy.
            var storageClass = Path(c.Arguments[0], "_storageClass");
            return Path(storageClass, "reclaimPolicy") is string policy ? policy : PathText(storageClass, "spec", "reclaimPolicy");
        });
    }
}
