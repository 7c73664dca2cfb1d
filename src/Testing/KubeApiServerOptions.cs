namespace Orkestra.Testing;

/// <summary>Settings of an embedded <see cref="KubeApiServer"/>.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>How many changes the watch history keeps; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int WatchHistorySize { get; set; } = 10_000;

    /// <summary>How often a watch that allows bookmarks gets a BOOKMARK event.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serve HTTPS instead of plain HTTP, with a certificate from a CA made for this server; the kubeconfig carries
    /// the CA (<c>certificate-authority-data</c>), so clients verify the server as they would a cluster's.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>
    /// A bearer token every request must carry (<c>Authorization: Bearer …</c>); the kubeconfig's user has it. Without
    /// a token or <see cref="ClientCertificates"/>, requests are not authenticated. kubectl sends a token only over
    /// HTTPS, so use it with <see cref="Https"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// With <see cref="Https"/>: accept client certificates issued by the server's CA as authentication (the
    /// kubeconfig's user gets one, for the user <c>orkestra-dev</c> in the group <c>system:masters</c>;
    /// <see cref="KubeApiServer.IssueClientCertificate"/> makes more).
    /// </summary>
    public bool ClientCertificates { get; set; }

    /// <summary>
    /// Simulate the workload controllers (on by default): <see cref="WorkloadReadyDelay"/> after a Deployment,
    /// StatefulSet, ReplicaSet or DaemonSet gets a new generation, its status reports it ready for that generation
    /// (<c>observedGeneration</c>, <c>replicas</c>, <c>readyReplicas</c>, <c>availableReplicas</c>,
    /// <c>updatedReplicas</c> = <c>spec.replicas</c>, default 1; a DaemonSet is scheduled on one node; a Deployment gets
    /// the <c>Available</c> and <c>Progressing</c> conditions). Only the object's status is written, with the field
    /// manager <c>kube-controller-manager</c>: no Pods or ReplicaSets are created. Each generation converges once, so
    /// status a test writes afterwards is left alone.
    /// </summary>
    public bool SimulateWorkloads { get; set; } = true;

    /// <summary>
    /// Simulate the Job controller (on by default): <see cref="WorkloadReadyDelay"/> after it is created (or resumed),
    /// a Job succeeds (<c>succeeded</c> = <c>spec.completions</c>, default 1, <c>startTime</c>, <c>completionTime</c>,
    /// conditions <c>SuccessCriteriaMet</c> and <c>Complete</c>, as Kubernetes 1.31+ writes them). A suspended Job
    /// (<c>spec.suspend: true</c>) does not run: it gets the <c>Suspended</c> condition. No Pods are created.
    /// </summary>
    public bool SimulateJobs { get; set; } = true;

    /// <summary>
    /// How long simulated workloads take to become ready and Jobs to complete (<see cref="SimulateWorkloads"/>,
    /// <see cref="SimulateJobs"/>); 1 s by default, zero for at once. Must not be negative.
    /// </summary>
    public TimeSpan WorkloadReadyDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Allocate addresses for Services when they are created, as kube-apiserver does (on by default): a unique
    /// <c>spec.clusterIP</c> (and <c>clusterIPs</c>) from 10.96.0.0/12 unless the Service is headless
    /// (<c>clusterIP: None</c>) or of type ExternalName, and a nodePort from 30000-32767 for each port of a NodePort or
    /// LoadBalancer Service. Addresses a client supplies are kept (422 when another Service has them already).
    /// </summary>
    public bool AllocateClusterIPs { get; set; } = true;

    /// <summary>
    /// A directory to keep the cluster's state in (created when missing), so that it survives a restart of the server;
    /// null (the default) keeps it in memory only. Every change is appended to a write-ahead log there and a write is
    /// answered only once its record is flushed to disk (concurrent writes share one flush); the log is compacted into a
    /// snapshot as it grows and at a clean shutdown. On start, the objects, the resourceVersion counter and the CRDs'
    /// endpoints are restored (the watch history starts empty: older watches get 410 Gone). One server at a time may use
    /// a directory: another one gets an <see cref="InvalidOperationException"/>; damaged files other than a torn last
    /// write fail the start with an <see cref="InvalidDataException"/> naming the file and offset.
    /// </summary>
    public string? DataDirectory { get; set; }
}
