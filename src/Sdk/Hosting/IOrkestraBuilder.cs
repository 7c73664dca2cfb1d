using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orkestra.Kubernetes;

namespace Orkestra.Hosting;

/// <summary>
/// The one way an Orkestra operator is wired, whether it is the stock runtime or a typed operator's own
/// <c>Program.cs</c>: services, the command line, and the typed hooks (which the source generator's
/// <c>AddGeneratedHooks()</c> adds).
/// </summary>
/// <example>
/// <code>
/// var builder = OrkestraHost.CreateBuilder(args);
/// builder.Services.AddSingleton&lt;IBackupStore, S3BackupStore&gt;();
/// builder.AddGeneratedHooks();
/// return await builder.RunAsync();
/// </code>
/// </example>
public interface IOrkestraBuilder
{
    /// <summary>The services hooks are created from (one scope per reconcile).</summary>
    IServiceCollection Services { get; }

    /// <summary>The command-line arguments the operator was started with.</summary>
    IReadOnlyList<string> Args { get; }

    /// <summary>
    /// Runs the operator with the <c>run</c> options of <see cref="Args"/> (see <see cref="RunArguments"/>) until
    /// SIGINT or SIGTERM (or <paramref name="cancellationToken"/>): loads the katalog, connects to the cluster, checks
    /// that this binary carries the katalog's typed hooks, and reconciles, logging JSON to standard output. Returns
    /// the process exit code: 0 after a clean stop, 1 when the katalog, the cluster configuration or the hooks do not
    /// fit (the message says what to change), 2 for a wrong command line.
    /// </summary>
    Task<int> RunAsync(CancellationToken cancellationToken = default);

    /// <summary>The typed hooks registered so far, in registration order: the typed-katalog manifest.</summary>
    IReadOnlyList<HookRegistration> Hooks { get; }

    /// <summary>
    /// Registers <typeparamref name="THooks"/> as the hooks of the CRD <paramref name="crdKey"/> (scoped: one instance
    /// per reconcile), under every hook interface it implements for <typeparamref name="TResource"/>. A CRD has one
    /// hooks class: registering a second one for the same key throws.
    /// </summary>
    IOrkestraBuilder AddHooks<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THooks, TResource>(string crdKey)
        where THooks : class
        where TResource : class, ICustomResource;
}
