using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orkestra.Hooks;
using Orkestra.Kubernetes;

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

            _hooks.Add(new HookRegistration(crdKey, typeof(THooks), typeof(TResource), kinds));
            return this;
        }
    }
}
