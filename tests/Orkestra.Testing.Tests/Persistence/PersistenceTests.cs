using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Persistence;

public sealed class PersistenceTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task Objects_survive_a_restart_and_resource_versions_continue_upward()
    {
        using var data = new DataDirectory();
        string defaultUid;
        long lastVersion;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            defaultUid = (string)(await server.GetAsync("/api/v1/namespaces/default")).Object["metadata"]!["uid"]!;
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("a").ToJsonString());
            var b = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("b").ToJsonString());
            b["data"]!["key"] = "changed";
            var updated = await server.PutAsync(ConfigMaps + "/b", b);
            Assert.Equal(200, updated.Code);
            lastVersion = Version(updated.Object);
        }

        await using (var server = await TestServer.StartAsync(data.Options))
        {
            var b = (await server.GetAsync(ConfigMaps + "/b")).Object;
            Assert.Equal("changed", (string?)b["data"]!["key"]);
            Assert.Equal(lastVersion, Version(b));
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/a")).Code);

            // The initial namespaces were restored, not created again.
            Assert.Equal(defaultUid, (string?)(await server.GetAsync("/api/v1/namespaces/default")).Object["metadata"]!["uid"]);
            var list = await server.GetAsync("/api/v1/namespaces");
            Assert.Equal(4, list.Object["items"]!.AsArray().Count);
            Assert.True(long.Parse((string)list.Object["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture) >= lastVersion);

            // After a clean shutdown nothing seen was lost: the counter goes on from where it stopped.
            var c = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("c").ToJsonString());
            Assert.InRange(Version(c), lastVersion + 1, lastVersion + 10);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Crds_are_served_again_with_their_custom_resources()
    {
        using var data = new DataDirectory();
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            Assert.Equal(201, (await server.PostAsync(Fixtures.CrdPath, Fixtures.WebsiteCrd())).Code);
            await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("home", replicas: 2).ToJsonString());
        }

        await using (var server = await TestServer.StartAsync(data.Options))
        {
            var discovery = await server.GetAsync("/apis/example.com/v1");
            Assert.Equal(200, discovery.Code);
            Assert.Contains(discovery.Object["resources"]!.AsArray(), r => (string?)r!["name"] == "websites");
            var openapi = await server.GetAsync("/openapi/v3/apis/example.com/v1");
            Assert.Equal(200, openapi.Code);

            var home = await server.GetAsync(Fixtures.WebsitesPath + "/home");
            Assert.Equal(200, home.Code);
            Assert.Equal(2, (int)home.Object["spec"]!["replicas"]!);

            // Served with its schema: a valid CR is created, an invalid one refused.
            await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("blog").ToJsonString());
            var invalid = Fixtures.Website("bad");
            invalid["spec"]!["replicas"] = "many";
            Assert.Equal(422, (await server.PostAsync(Fixtures.WebsitesPath, invalid)).Code);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Deletes_survive_a_restart_from_the_log_alone()
    {
        using var data = new DataDirectory();
        string crashed;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("kept").ToJsonString());
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("gone").ToJsonString());
            Assert.Equal(200, (await server.DeleteAsync(ConfigMaps + "/gone")).Code);
            crashed = data.CrashCopy();
            Assert.False(File.Exists(Path.Combine(crashed, "snapshot.dat")), "no snapshot yet: the state is in the log");
        }

        foreach (var directory in new[] { crashed, data.Path })
        {
            await using var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = directory });
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/kept")).Code);
            Assert.Equal(404, (await server.GetAsync(ConfigMaps + "/gone")).Code);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task After_a_crash_resource_versions_resume_above_any_that_could_have_been_seen()
    {
        using var data = new DataDirectory();
        string crashed;
        long seen;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            seen = Version(await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("a").ToJsonString()));
            crashed = data.CrashCopy();

            // Handed out (and seen by watchers) after the "crash": lost with it, its version must not come back.
            seen = Version(await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("lost").ToJsonString()));
        }

        await using (var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = crashed }))
        {
            Assert.Equal(404, (await server.GetAsync(ConfigMaps + "/lost")).Code);
            var next = Version(await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("b").ToJsonString()));
            Assert.True(next > seen + 1000, $"resourceVersion {next} after a crash must be well above {seen}");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_damaged_snapshot_fails_the_start_naming_it()
    {
        using var data = new DataDirectory();
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("a").ToJsonString());
        }
        var snapshot = Path.Combine(data.Path, "snapshot.dat");
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[^3] ^= 0x55;
        await File.WriteAllBytesAsync(snapshot, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => KubeApiServer.StartAsync(data.Options));
        Assert.Contains(snapshot, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt at byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_acknowledged_create_is_on_disk_when_answered()
    {
        using var data = new DataDirectory();
        var crashes = new List<(string Directory, int Created)>();
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            for (var i = 0; i < 5; i++)
            {
                await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
                crashes.Add((data.CrashCopy(), i + 1));
            }
        }

        foreach (var (directory, created) in crashes)
        {
            await using var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = directory });
            for (var i = 0; i < created; i++)
            {
                Assert.Equal(200, (await server.GetAsync($"{ConfigMaps}/cm-{i}")).Code);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Parallel_writers_all_survive_a_restart_sharing_flushes()
    {
        using var data = new DataDirectory();
        const int Clients = 8;
        const int PerClient = 50;
        string crashed;
        long flushes;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < PerClient; i++)
                {
                    await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"c{c}-{i}").ToJsonString());
                }
            })));
            crashed = data.CrashCopy();
            flushes = server.Server.Objects.Store.Log!.Flushes;
        }

        Assert.True(flushes <= Clients * PerClient + 4, $"{flushes} flushes for {Clients * PerClient} creates");
        foreach (var directory in new[] { crashed, data.Path })
        {
            await using var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = directory });
            var items = (await server.GetAsync(ConfigMaps)).Object["items"]!.AsArray();
            Assert.Equal(Clients * PerClient, items.Count);
            var versions = items.Select(o => Version(o!.AsObject())).ToHashSet();
            Assert.Equal(Clients * PerClient, versions.Count);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_torn_or_garbage_log_tail_is_ignored_and_earlier_records_kept()
    {
        using var data = new DataDirectory();
        string crashed;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("first").ToJsonString());
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("last").ToJsonString());
            crashed = data.CrashCopy();
        }
        var log = Path.Combine(crashed, "wal.log");
        var intact = await File.ReadAllBytesAsync(log);

        // A last write torn in the middle: the last record is lost, the ones before are kept.
        await File.WriteAllBytesAsync(log, intact[..^10]);
        await using (var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = crashed }))
        {
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/first")).Code);
            Assert.Equal(404, (await server.GetAsync(ConfigMaps + "/last")).Code);
            Assert.True(server.Server.Objects.Store.Log!.IgnoredTailBytes > 0);

            // The torn tail was cut off: new writes go after the good records and survive.
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("after").ToJsonString());
        }
        await using (var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = crashed }))
        {
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/first")).Code);
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/after")).Code);
        }

        // Garbage after the last record (a write that never completed, zeros, noise).
        var garbage = new byte[300];
        new Random(42).NextBytes(garbage);
        foreach (var tail in new[] { garbage, new byte[4096], new byte[] { 0x10, 0, 0, 0, 1, 2 } })
        {
            var copy = data.CrashCopy();
            await File.WriteAllBytesAsync(Path.Combine(copy, "wal.log"), [.. intact, .. tail]);
            await using var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = copy });
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/first")).Code);
            Assert.Equal(200, (await server.GetAsync(ConfigMaps + "/last")).Code);
            Assert.Equal(tail.Length, server.Server.Objects.Store.Log!.IgnoredTailBytes);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Damage_before_valid_records_fails_the_start_naming_the_file_and_offset()
    {
        using var data = new DataDirectory();
        string crashed;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("a").ToJsonString());
            crashed = data.CrashCopy();
        }
        var log = Path.Combine(crashed, "wal.log");
        var bytes = await File.ReadAllBytesAsync(log);

        // The first frame (the initial namespaces) starts after the 8-byte header; damage its payload.
        bytes[8 + 8 + 20] ^= 0xFF;
        await File.WriteAllBytesAsync(log, bytes);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => KubeApiServer.StartAsync(new KubeApiServerOptions { DataDirectory = crashed }));
        Assert.Contains(log, error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 8", error.Message, StringComparison.Ordinal);

        // The failed start released the directory.
        await File.WriteAllBytesAsync(log, []);
        await using var empty = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = crashed });
    }

    [Fact(Timeout = 30_000)]
    public async Task Two_servers_on_one_directory_is_an_error()
    {
        using var data = new DataDirectory();
        await using (var first = await TestServer.StartAsync(data.Options))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KubeApiServer.StartAsync(data.Options));
            Assert.Contains("in use by another API server", error.Message, StringComparison.Ordinal);
            Assert.Contains(data.Path, error.Message, StringComparison.Ordinal);
        }

        // Released by the first server's disposal.
        await using var second = await TestServer.StartAsync(data.Options);
    }

    [Fact(Timeout = 30_000)]
    public async Task Compaction_writes_a_snapshot_and_the_log_continues_after_it()
    {
        using var data = new DataDirectory();
        string crashed;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            server.Server.Objects.Store.Log!.CompactionThreshold = 2_000;
            for (var i = 0; i < 30; i++)
            {
                await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
            }
            Assert.Equal(200, (await server.DeleteAsync(ConfigMaps + "/cm-0")).Code);
            crashed = data.CrashCopy();
            Assert.True(File.Exists(Path.Combine(crashed, "snapshot.dat")));
            Assert.True(new FileInfo(Path.Combine(crashed, "wal.log")).Length < 4_000);
        }

        foreach (var directory in new[] { crashed, data.Path })
        {
            await using var server = await TestServer.StartAsync(new KubeApiServerOptions { DataDirectory = directory });
            var items = (await server.GetAsync(ConfigMaps)).Object["items"]!.AsArray();
            Assert.Equal(29, items.Count);
            Assert.Equal(404, (await server.GetAsync(ConfigMaps + "/cm-0")).Code);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_watch_from_before_the_restart_gets_410_Gone()
    {
        using var data = new DataDirectory();
        long version;
        await using (var server = await TestServer.StartAsync(data.Options))
        {
            version = Version(await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("a").ToJsonString()));
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("b").ToJsonString());
        }

        await using (var server = await TestServer.StartAsync(data.Options))
        {
            var watch = await server.GetAsync($"{ConfigMaps}?watch=true&resourceVersion={version}&timeoutSeconds=1");
            var text = watch.Body is JsonValue ? (string?)watch.Body : watch.Body?.ToJsonString();
            Assert.True(watch.Code == 410 || (text ?? "").Contains("\"code\":410", StringComparison.Ordinal), $"{watch.Code} {text}");
        }
    }

    private static long Version(JsonObject obj) => long.Parse((string)obj["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture);
}
