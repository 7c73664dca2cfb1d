using System.Text.Json.Nodes;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

/// <summary>The builders of <c>persistentVolumeClaims</c> and <c>persistentVolumes</c> items.</summary>
internal static class StorageBuilders
{
    private static readonly string[] AccessModeNames = { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" };
    private static readonly string[] VolumeModes = { "Filesystem", "Block" };
    private static readonly string[] ReclaimPolicies = { "Retain", "Delete", "Recycle" };

    /// <summary>
    /// A PersistentVolumeClaim: <c>storage</c> (or <c>storageSize</c>) requested, <c>storageClassName</c> (or
    /// <c>storageClass</c>; absent or empty: the cluster's default class), <c>accessModes</c> (default
    /// ReadWriteOnce), <c>volumeMode</c> (default Filesystem), <c>volumeName</c>, <c>selector</c>.
    /// </summary>
    public static JsonObject PersistentVolumeClaim(ResourceItem item)
    {
        RequireName(item, "a persistentVolumeClaim", "{{ .metadata.name }}-data");
        var storageField = NetworkingValues.OneOf(item, "storage", "storageSize");
        var storage = item.Quantity(storageField)
            ?? throw item.Fail("storage", "a persistentVolumeClaim needs the size it requests, such as storage: 10Gi");

        var spec = new JsonObject { ["accessModes"] = AccessModes(item) };
        spec["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = storage } };
        if (item.Has("selector"))
        {
            spec["selector"] = NetworkingValues.Selector(item.Json("selector"), item.PathOf("selector"));
        }

        // An empty class is upstream's "cluster default" (so the field is left out), not Kubernetes' "no class".
        if (NetworkingValues.NonEmpty(item.String(NetworkingValues.OneOf(item, "storageClassName", "storageClass"))) is { } storageClass)
        {
            spec["storageClassName"] = storageClass;
        }

        // Upstream writes the default volume mode, which is also Kubernetes' own.
        spec["volumeMode"] = NetworkingValues.Choice(item, "volumeMode", VolumeModes) ?? "Filesystem";
        if (NetworkingValues.NonEmpty(item.String("volumeName")) is { } volumeName)
        {
            spec["volumeName"] = volumeName;
        }

        return new JsonObject { ["spec"] = spec };
    }

    /// <summary>
    /// A PersistentVolume (cluster-scoped: the renderer labels it with its owner instead of an owner reference):
    /// <c>capacity</c> (or <c>storage</c>), one volume source (<c>hostPath</c> as a path or an object,
    /// <c>csiDriver</c> with <c>csiVolumeHandle</c>, <c>csi</c>, <c>nfs</c>, <c>local</c>), <c>accessModes</c> (default
    /// ReadWriteOnce), <c>reclaimPolicy</c> (default Retain), <c>storageClassName</c>, <c>volumeMode</c>, <c>nodeAffinity</c>.
    /// </summary>
    public static JsonObject PersistentVolume(ResourceItem item)
    {
        RequireName(item, "a persistentVolume", "{{ .metadata.name }}-pv");
        var capacityField = NetworkingValues.OneOf(item, "capacity", "storage");
        var capacity = item.Quantity(capacityField)
            ?? throw item.Fail("capacity", "a persistentVolume needs its size, such as capacity: 10Gi");

        var spec = new JsonObject
        {
            ["accessModes"] = AccessModes(item),
            ["capacity"] = new JsonObject { ["storage"] = capacity },
        };

        var sources = new List<string>();
        if (Csi(item) is { } csi)
        {
            spec["csi"] = csi;
            sources.Add(item.Has("csi") ? "csi" : "csiDriver");
        }

        if (HostPath(item) is { } hostPath)
        {
            spec["hostPath"] = hostPath;
            sources.Add("hostPath");
        }

        foreach (var field in new[] { "local", "nfs" })
        {
            if (item.Has(field))
            {
                spec[field] = item.Node[field] is YamlMapping ? item.Json(field) : throw item.Fail(field, $"must be the {field} volume source as Kubernetes writes it, such as {(field == "nfs" ? "{server: nfs.example.com, path: /exports}" : "{path: /mnt/disks/ssd1}")}");
                sources.Add(field);
            }
        }

        if (sources.Count == 0)
        {
            throw item.Fail("hostPath", "a persistentVolume needs a volume source: hostPath (a path), csiDriver with csiVolumeHandle, csi, nfs or local");
        }

        if (sources.Count > 1)
        {
            throw item.Fail(sources[1], $"is a second volume source beside {sources[0]}; a persistentVolume has exactly one");
        }

        if (item.Has("nodeAffinity"))
        {
            spec["nodeAffinity"] = item.Json("nodeAffinity");
        }
        else if (sources[0] == "local")
        {
            throw item.Fail("nodeAffinity", "a local persistentVolume needs nodeAffinity: the node its disk is on, as {required: {nodeSelectorTerms: [...]}}");
        }

        spec["persistentVolumeReclaimPolicy"] = NetworkingValues.Choice(item, "reclaimPolicy", ReclaimPolicies) ?? "Retain";
        if (NetworkingValues.NonEmpty(item.String("storageClassName")) is { } storageClass)
        {
            spec["storageClassName"] = storageClass;
        }

        if (NetworkingValues.Choice(item, "volumeMode", VolumeModes) is { } volumeMode)
        {
            spec["volumeMode"] = volumeMode;
        }

        return new JsonObject { ["spec"] = spec };
    }

    // Upstream documents the name of PVCs and PVs as required (there is no default).
    private static void RequireName(ResourceItem item, string what, string example)
    {
        if (NetworkingValues.NonEmpty(item.String("name")) is null)
        {
            throw item.Fail("name", $"{what} needs a name, such as \"{example}\"");
        }
    }

    // accessModes: one or several, default ReadWriteOnce (upstream).
    private static JsonArray AccessModes(ResourceItem item)
    {
        var modes = new List<string>();
        var declared = item.Strings("accessModes");
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].Length == 0)
            {
                continue;
            }

            var field = item.Node["accessModes"] is YamlSequence ? "accessModes[" + i + "]" : "accessModes";
            var mode = AccessModeNames.FirstOrDefault(m => string.Equals(m, declared[i], StringComparison.OrdinalIgnoreCase))
                ?? throw item.Fail(field, $"'{declared[i]}' is not an access mode; write one of {string.Join(", ", AccessModeNames)}");
            if (!modes.Contains(mode))
            {
                modes.Add(mode);
            }
        }

        return NetworkingValues.StringArray(modes.Count > 0 ? modes : new[] { "ReadWriteOnce" });
    }

    // csiDriver + csiVolumeHandle (upstream), or a csi object as Kubernetes writes it.
    private static JsonNode? Csi(ResourceItem item)
    {
        var driver = NetworkingValues.NonEmpty(item.String("csiDriver"));
        var handle = NetworkingValues.NonEmpty(item.String("csiVolumeHandle"));
        if (driver is null && handle is null)
        {
            return item.Has("csi")
                ? item.Node["csi"] is YamlMapping ? item.Json("csi") : throw item.Fail("csi", "must be the csi volume source as Kubernetes writes it, such as {driver: ebs.csi.aws.com, volumeHandle: vol-123}")
                : null;
        }

        if (item.Has("csi"))
        {
            throw item.Fail("csi", "is set beside csiDriver/csiVolumeHandle, which mean the same; keep one form");
        }

        if (driver is null)
        {
            throw item.Fail("csiDriver", "csiVolumeHandle needs csiDriver: the CSI driver's name, such as ebs.csi.aws.com");
        }

        if (handle is null)
        {
            throw item.Fail("csiVolumeHandle", "csiDriver needs csiVolumeHandle: the volume's id in the storage system, such as vol-0a1b2c3d");
        }

        return new JsonObject { ["driver"] = driver, ["volumeHandle"] = handle };
    }

    // hostPath: a path (upstream) or a hostPath object ({path, type}).
    private static JsonNode? HostPath(ResourceItem item) => item.Node["hostPath"] switch
    {
        null or YamlScalar { IsNull: true } => null,
        YamlScalar => NetworkingValues.NonEmpty(item.String("hostPath")) is { } path
            ? new JsonObject { ["path"] = path }
            : throw item.Fail("hostPath", "rendered empty; write the directory on the node, such as /mnt/data"),
        YamlMapping => item.Json("hostPath"),
        var other => throw item.Fail("hostPath", $"must be a path such as /mnt/data or {{path, type}}, but is {other.Describe()}"),
    };
}
