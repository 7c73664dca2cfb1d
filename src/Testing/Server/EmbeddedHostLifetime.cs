using Microsoft.Extensions.Hosting;

namespace Orkestra.Testing.Server;

/// <summary>
/// A host lifetime that leaves the process alone: the embedded server must not take over Ctrl-C or SIGTERM of the
/// process it runs in (the default console lifetime would stop the server on them); it stops when disposed.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
