using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orkestra.Hooks;
using Orkestra.Kubernetes;
using Orkestra.Runtime;
using Orkestra.Kubernetes.Configuration;
using Microsoft.Extensions.Logging;
using System.Runtime.InteropServices;

namespace Orkestra.Hosting;

/// <summary>Creates the builder every Orkestra operator starts from.</summary>
public static class OrkestraHost
{
    /// <summary>A builder for an operator started with <paramref name="args"/>.</summary>
    public static IOrkestraBuilder CreateBuilder(string[] args) => new Builder(args ?? throw new ArgumentNullException(nameof(args)), new ServiceCollection());

    private sealed class Builder(string[] args, IServiceCollection services) : IOrkestraBuilder
    {
        private readonly List<HookRegistration> _hooks = new();

        public IServiceCollection Services { get; } = services;

        public IReadOnlyList<string> Args { get; } = args.ToArray();

        public IReadOnlyList<HookRegistration> Hooks => _hooks;

        public IOrkestraBuilder AddHooks<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THooks, TResource>(string crdKey)
            where THooks : class
            where TResource : class, ICustomResource
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(crdKey);
            if (_hooks.FirstOrDefault(h => h.CrdKey == crdKey) is { } existing)
            {
                throw new InvalidOperationException($"the CRD '{crdKey}' already has the hooks class {existing.HooksType.FullName}; a CRD has one hooks class, so merge {typeof(THooks).FullName} into it");
            }

            var kinds = HookKinds.None;
            Services.AddScoped<THooks>();
            if (typeof(IReconcileHook<TResource>).IsAssignableFrom(typeof(THooks)))
            {
                kinds |= HookKinds.Reconcile;
                Services.AddScoped(provider => (IReconcileHook<TResource>)provider.GetRequiredService<THooks>());
            }

            if (typeof(IDeleteHook<TResource>).IsAssignableFrom(typeof(THooks)))
            {
                kinds |= HookKinds.Delete;
                Services.AddScoped(provider => (IDeleteHook<TResource>)provider.GetRequiredService<THooks>());
            }

            if (typeof(INotFoundHook).IsAssignableFrom(typeof(THooks)))
            {
                kinds |= HookKinds.NotFound;
            }

            if (kinds == HookKinds.None)
            {
                throw new InvalidOperationException($"{typeof(THooks).FullName} implements no hook interface for {typeof(TResource).Name}: implement IReconcileHook<{typeof(TResource).Name}>, IDeleteHook<{typeof(TResource).Name}> or INotFoundHook");
            }

            _hooks.Add(new HookRegistration(crdKey, typeof(THooks), typeof(TResource), kinds) { Invoker = new HookInvoker<THooks, TResource>() });
            return this;
        }

        public Task<int> RunAsync(CancellationToken cancellationToken = default) => OrkestraHost.RunAsync(Args, Services, _hooks, Console.Out, Console.Error, cancellationToken);
    }

    /// <summary>
    /// The stock runtime (<c>ork run</c>): runs the katalog of <paramref name="args"/> (the <c>run</c> options) with no
    /// typed hooks until SIGINT/SIGTERM or <paramref name="cancellationToken"/>, writing errors to
    /// <paramref name="stderr"/>; returns the exit code (see <see cref="IOrkestraBuilder.RunAsync"/>).
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new ServiceCollection(), Array.Empty<HookRegistration>(), stdout, stderr, cancellationToken);

    // What IOrkestraBuilder.RunAsync and ork run do.
    private static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceCollection services, IReadOnlyList<HookRegistration> hooks, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        RunArguments options;
        try
        {
            options = RunArguments.Parse(args);
        }
        catch (FormatException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (options.Help || options.File is null)
        {
            await (options.Help ? stdout : stderr).WriteLineAsync((options.Help ? string.Empty : "error: -f KATALOG is required; ") + "usage: " + RunArguments.Usage).ConfigureAwait(false);
            return options.Help ? 0 : 2;
        }

        var (katalog, diagnostics) = OperatorRuntime.LoadKatalog(options.File);
        foreach (var diagnostic in diagnostics.Where(d => d.Severity != Diagnostics.DiagnosticSeverity.Info))
        {
            await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        if (katalog is null)
        {
            await stderr.WriteLineAsync($"error: {options.File} does not load; fix the errors above (ork validate shows them too)").ConfigureAwait(false);
            return 1;
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddJsonConsole(json => json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ").SetMinimumLevel(LogLevel.Information));
        KubeClient client;
        OperatorRuntime runtime;
        try
        {
            client = KubeClient.Create(options.Kubeconfig, options.Context);
            services.AddSingleton<IKubeClient>(client);
            services.AddSingleton(loggers);
            services.AddLogging();
            var provider = services.BuildServiceProvider();
            var election = options.LeaderElect
                ? new LeaderElectionOptions { Namespace = options.LeaderElectionNamespace ?? Environment.GetEnvironmentVariable("LEADER_ELECTION_NAMESPACE") ?? client.DefaultNamespace }
                : null;
            runtime = OperatorRuntime.Create(katalog, client, new RuntimeOptions { Namespace = options.Namespace, LeaderElection = election }, provider, hooks, loggers);
        }
        catch (Exception ex) when (ex is KubeConfigException or RuntimeConfigurationException)
        {
            await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        using (client)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            var endpoints = new RuntimeEndpoints(runtime, loggers.CreateLogger("Orkestra.Runtime.Http"));
            await using (endpoints.ConfigureAwait(false))
            {
                if (options.HttpPort != 0)
                {
                    try
                    {
                        await endpoints.StartAsync(options.HttpPort, ct: stop.Token).ConfigureAwait(false);
                    }
                    catch (HttpListenerException ex)
                    {
                        await stderr.WriteLineAsync($"error: cannot serve the HTTP endpoints on port {options.HttpPort}: {ex.Message}; pass another --http-port, or --http-port 0 to turn them off").ConfigureAwait(false);
                        return 1;
                    }
                }

                await runtime.RunAsync(stop.Token).ConfigureAwait(false);
            }
        }

        return 0;
    }
}
