using System.Text;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Kubernetes.Configuration;

/// <summary>
/// Reads kubeconfig files as kubectl does: the <c>KUBECONFIG</c> list (or <c>~/.kube/config</c>) merged — for each
/// cluster, user and context name the first file that defines it wins, and so does the first <c>current-context</c>;
/// missing files in the list are skipped — then one context resolved to a <see cref="ClusterConnection"/>.
/// </summary>
public static class KubeConfig
{
    /// <summary>
    /// The connection of <paramref name="context"/> (or the current context) in the kubeconfig files of
    /// <paramref name="kubeconfig"/> (a path list as <c>KUBECONFIG</c> holds it), else of the <c>KUBECONFIG</c>
    /// environment variable, else <c>~/.kube/config</c>.
    /// </summary>
    /// <exception cref="KubeConfigException">No file, no such context, or a file that does not read (with its line and column).</exception>
    public static ClusterConnection Load(string? context = null, string? kubeconfig = null)
    {
        var list = kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG");
        var paths = string.IsNullOrWhiteSpace(list)
            ? [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")]
            : list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Load(paths, context);
    }

    /// <summary>The connection of <paramref name="context"/> (or the current context) in the merged <paramref name="paths"/>.</summary>
    /// <exception cref="KubeConfigException">See <see cref="Load(string?, string?)"/>.</exception>
    public static ClusterConnection Load(IReadOnlyList<string> paths, string? context = null)
    {
        var merged = new Merged();
        foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(path))
            {
                merged.Add(path, Read(path));
            }
        }

        if (merged.Files == 0)
        {
            throw new KubeConfigException($"no kubeconfig found (looked at {string.Join(", ", paths)}); set KUBECONFIG or pass --kubeconfig");
        }

        var name = context ?? merged.CurrentContext
            ?? throw new KubeConfigException($"the kubeconfig ({string.Join(", ", paths)}) sets no current-context; pass --context NAME");
        if (!merged.Contexts.TryGetValue(name, out var contextEntry))
        {
            throw new KubeConfigException($"context '{name}' is not in the kubeconfig ({string.Join(", ", paths)}); its contexts: {string.Join(", ", merged.Contexts.Keys.Order(StringComparer.Ordinal))}");
        }

        var (contextPath, contextNode) = contextEntry;
        var clusterName = Required(contextNode, "cluster", contextPath);
        var userName = contextNode.GetString("user");
        if (!merged.Clusters.TryGetValue(clusterName, out var clusterEntry))
        {
            throw Error(contextPath, contextNode["cluster"]!, $"context '{name}' names the cluster '{clusterName}', which no kubeconfig file defines");
        }

        var (clusterPath, cluster) = clusterEntry;
        var serverText = Required(cluster, "server", clusterPath);
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw Error(clusterPath, cluster["server"]!, $"server '{serverText}' is not an http(s) URL such as https://10.0.0.1:6443");
        }

        var connection = new ClusterConnection(name, server, contextNode.GetString("namespace"))
        {
            CertificateAuthorityPem = Pem(cluster, "certificate-authority-data", "certificate-authority", clusterPath),
            InsecureSkipTlsVerify = cluster["insecure-skip-tls-verify"] is YamlScalar { Kind: ScalarKind.Bool } insecure && ScalarResolver.ToBool(insecure.Value),
            TlsServerName = cluster.GetString("tls-server-name"),
        };
        if (userName is null)
        {
            return connection;
        }

        if (!merged.Users.TryGetValue(userName, out var userEntry))
        {
            throw Error(contextPath, contextNode["user"]!, $"context '{name}' names the user '{userName}', which no kubeconfig file defines");
        }

        var (userPath, user) = userEntry;
        return connection with
        {
            Token = user.GetString("token"),
            TokenFile = user.GetString("tokenFile") is { } tokenFile ? Resolve(userPath, tokenFile) : null,
            ClientCertificatePem = Pem(user, "client-certificate-data", "client-certificate", userPath),
            ClientKeyPem = Pem(user, "client-key-data", "client-key", userPath),
            Username = user.GetString("username"),
            Password = user.GetString("password"),
            Exec = user["exec"] is YamlMapping exec ? ReadExec(exec, userPath) : null,
        };
    }

    private static YamlMapping Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{path}: cannot be read: {ex.Message}", ex);
        }

        var file = YamlReader.Read(path, text);
        if (file.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.DiagnosticSeverity.Error) is { } error)
        {
            throw new KubeConfigException($"{path}({error.Location.Line},{error.Location.Column}): {error.Message}");
        }

        return file.Documents.Count switch
        {
            0 => new YamlMapping(Diagnostics.SourceLocation.File(path)),
            1 when file.Documents[0] is YamlMapping root => root,
            1 when file.Documents[0] is YamlScalar { IsNull: true } => new YamlMapping(Diagnostics.SourceLocation.File(path)),
            _ => throw new KubeConfigException($"{path}: a kubeconfig is one YAML mapping (apiVersion: v1, kind: Config)"),
        };
    }

    private static ExecCredentialPlugin ReadExec(YamlMapping exec, string path)
    {
        var command = Required(exec, "command", path);
        var args = (exec["args"] as YamlSequence)?.Items.OfType<YamlScalar>().Select(s => s.Value).ToList() ?? [];
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (exec["env"] as YamlSequence)?.Items.OfType<YamlMapping>() ?? [])
        {
            env[Required(item, "name", path)] = item.GetString("value") ?? string.Empty;
        }

        return new ExecCredentialPlugin(exec.GetString("apiVersion") ?? "client.authentication.k8s.io/v1", command.Contains('/', StringComparison.Ordinal) ? Resolve(path, command) : command, args, env)
        {
            InstallHint = exec.GetString("installHint"),
            ProvideClusterInfo = exec["provideClusterInfo"] is YamlScalar { Kind: ScalarKind.Bool } provide && ScalarResolver.ToBool(provide.Value),
        };
    }

    // The PEM of a "*-data" field (base64) or of the file a second field names (relative to the kubeconfig's folder).
    private static string? Pem(YamlMapping node, string dataKey, string fileKey, string path)
    {
        if (node[dataKey] is YamlScalar { IsNull: false } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data.Value.Trim()));
            }
            catch (FormatException)
            {
                throw Error(path, data, $"{dataKey} is not base64; it holds the PEM text base64-encoded (base64 -w0 < file.pem)");
            }
        }

        if (node[fileKey] is not YamlScalar { IsNull: false } file)
        {
            return null;
        }

        var resolved = Resolve(path, file.Value);
        try
        {
            return File.ReadAllText(resolved);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error(path, file, $"{fileKey} '{file.Value}' cannot be read ({resolved}): {ex.Message}");
        }
    }

    private static string Required(YamlMapping node, string key, string path) =>
        node.GetString(key) ?? throw Error(path, node, $"'{key}' is missing");

    private static KubeConfigException Error(string path, YamlNode at, string message) =>
        new($"{path}({at.Location.Line},{at.Location.Column}): {message}");

    private static string Resolve(string kubeconfigPath, string reference) =>
        Path.IsPathRooted(reference) ? reference : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(kubeconfigPath)!, reference));

    // The files merged so far: for each name, the first file that defines it.
    private sealed class Merged
    {
        public int Files { get; private set; }

        public string? CurrentContext { get; private set; }

        public Dictionary<string, (string Path, YamlMapping Node)> Clusters { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (string Path, YamlMapping Node)> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (string Path, YamlMapping Node)> Contexts { get; } = new(StringComparer.Ordinal);

        public void Add(string path, YamlMapping root)
        {
            Files++;
            CurrentContext ??= root.GetString("current-context") is { Length: > 0 } current ? current : null;
            AddNamed(root, "clusters", "cluster", path, Clusters);
            AddNamed(root, "users", "user", path, Users);
            AddNamed(root, "contexts", "context", path, Contexts);
        }

        private static void AddNamed(YamlMapping root, string listKey, string itemKey, string path, Dictionary<string, (string, YamlMapping)> into)
        {
            foreach (var item in (root[listKey] as YamlSequence)?.Items ?? [])
            {
                if (item is not YamlMapping entry || entry.GetString("name") is not { } name)
                {
                    throw Error(path, item, $"each of {listKey} needs a name and a {itemKey}");
                }

                into.TryAdd(name, (path, entry[itemKey] as YamlMapping ?? new YamlMapping(entry.Location)));
            }
        }
    }
}
