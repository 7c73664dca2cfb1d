using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Persistence;

/// <summary>
/// One committed change: the object stored under its key at <see cref="Version"/>, or its removal (<see cref="Object"/>
/// null); or, with <see cref="Ceiling"/>, the announcement that versions up to <see cref="Version"/> may be handed out.
/// </summary>
internal sealed record LogRecord(long Version, string Resource, string Namespace, string Name, JsonObject? Object, bool Ceiling = false);

/// <summary>Every stored object and the resourceVersion they are current at, as the store had them at one instant.</summary>
internal sealed record StoreSnapshot(long Version, IReadOnlyList<LogRecord> Objects);

/// <summary>
/// The durable state of a data directory: a write-ahead log of committed changes (<c>wal.log</c>) on top of a snapshot
/// of all objects (<c>snapshot.dat</c>), and a lock file (<c>lock</c>, held open with <see cref="FileShare.None"/>) so
/// that one server at a time uses the directory.
/// </summary>
/// <remarks>
/// <para>The store appends each change under its lock, so the queue is in resourceVersion order; one writer thread
/// drains the queue, writes the whole batch as one frame, flushes it to disk once (group commit) and only then
/// completes the batch's task, which the writers wait on after leaving the store lock.</para>
/// <para>When the log grows past <see cref="CompactionThreshold"/>, and at a clean shutdown, the writer captures the
/// store (under its lock, taking the queued changes with it), writes those changes, writes a snapshot to a temporary
/// file, flushes and renames it, then truncates the log. A crash in between leaves changes in the log that the
/// snapshot already has: replay skips records not newer than the snapshot.</para>
/// <para>Watchers see a change before it is on disk (it is published under the store lock), so a crash can lose a
/// resourceVersion someone saw. So that no version is ever handed out twice, the log also carries a version ceiling,
/// announced <see cref="CeilingStep"/> ahead of use (long on disk before the versions near it are reached): after a
/// crash the counter resumes at the ceiling; after a clean shutdown, where nothing seen was lost, at the last version.</para>
/// </remarks>
internal sealed class WriteAheadLog : IDisposable
{
    public const string LogFileName = "wal.log";
    public const string SnapshotFileName = "snapshot.dat";
    public const string LockFileName = "lock";
    private const int SnapshotChunk = 1000;

    /// <summary>How far ahead of the versions in use the durable ceiling is kept.</summary>
    public const long CeilingStep = 1_000_000;

    private readonly object _queueGate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly FileStream _lock;
    private readonly FileStream _log;
    private readonly string _logPath;
    private readonly string _snapshotPath;
    private List<LogRecord> _pending = [];
    private TaskCompletionSource _batch = NewBatch();
    private Exception? _failure;
    private bool _stopping;
    private Thread? _writer;
    private Func<Action, StoreSnapshot>? _capture;
    private long _logBytes;
    private long _flushes;
    private long _announcedCeiling;
    private long _writtenCeiling;

    private WriteAheadLog(string directory, FileStream lockFile, FileStream log, long version, long ceiling, IReadOnlyList<LogRecord> recovered, long ignoredTail)
    {
        Directory = directory;
        _lock = lockFile;
        _log = log;
        _logPath = Path.Combine(directory, LogFileName);
        _snapshotPath = Path.Combine(directory, SnapshotFileName);
        RecoveredVersion = version;
        Recovered = recovered;
        IgnoredTailBytes = ignoredTail;
        _logBytes = log.Length - Frames.HeaderSize;
        _announcedCeiling = _writtenCeiling = ceiling;
    }

    private static ReadOnlySpan<byte> LogMagic => "ORKWAL01"u8;

    private static ReadOnlySpan<byte> SnapshotMagic => "ORKSNP01"u8;

    /// <summary>The data directory (a full path).</summary>
    public string Directory { get; }

    /// <summary>The resourceVersion the recovered state is current at (0 for a new directory).</summary>
    public long RecoveredVersion { get; }

    /// <summary>The objects recovered from the snapshot and the log.</summary>
    public IReadOnlyList<LogRecord> Recovered { get; private set; }

    /// <summary>How many bytes of a torn log tail were found and dropped at start (0 normally).</summary>
    public long IgnoredTailBytes { get; }

    /// <summary>The log size (bytes) past which the writer writes a snapshot and truncates the log.</summary>
    public long CompactionThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many times the log was flushed to disk (one per group commit).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>A write failure of the log: the store refuses further writes once one happened.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_queueGate)
            {
                return _failure;
            }
        }
    }

    /// <summary>Locks <paramref name="directory"/> (creating it) and recovers its state: the snapshot, then the log on top of it.</summary>
    /// <exception cref="InvalidOperationException">Another server holds the directory, or it cannot be opened.</exception>
    /// <exception cref="InvalidDataException">A file is damaged other than by a torn last write.</exception>
    public static WriteAheadLog Open(string directory)
    {
        directory = Path.GetFullPath(directory);
        FileStream lockFile;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"the data directory {directory} is in use by another API server (its lock file {Path.Combine(directory, LockFileName)} is held): stop that server or choose another data directory", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"cannot use the data directory {directory}: {e.Message}", e);
        }

        try
        {
            return Recover(directory, lockFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile.Dispose();
            throw new InvalidOperationException($"cannot read the data directory {directory}: {e.Message}", e);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Starts the writer; <paramref name="capture"/> runs its argument under the store lock and returns the store's state.</summary>
    public void Start(Func<Action, StoreSnapshot> capture)
    {
        _capture = capture;
        Recovered = [];
        _writer = new Thread(Run) { IsBackground = true, Name = "Orkestra API server log writer" };
        _writer.Start();
    }

    /// <summary>Queues a committed change (call under the store lock, in resourceVersion order); the task completes once it is on disk.</summary>
    public Task Append(LogRecord record)
    {
        lock (_queueGate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }
            ObjectDisposedException.ThrowIf(_stopping, this);
            _pending.Add(record);
            if (record.Version > _announcedCeiling - (CeilingStep / 2))
            {
                _announcedCeiling = record.Version + CeilingStep;
                _pending.Add(new LogRecord(_announcedCeiling, "", "", "", null, Ceiling: true));
            }
            if (_pending.Count <= 2)
            {
                Monitor.Pulse(_queueGate);
            }
            return _batch.Task;
        }
    }

    /// <summary>Commits what is queued, writes a snapshot (a clean shutdown), and releases the directory.</summary>
    public void Dispose()
    {
        lock (_queueGate)
        {
            if (_stopping)
            {
                return;
            }
            _stopping = true;
            Monitor.Pulse(_queueGate);
        }
        _writer?.Join();
        _log.Dispose();
        _lock.Dispose();
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private (List<LogRecord> Batch, TaskCompletionSource Done) TakePending()
    {
        var taken = (_pending, _batch);
        _pending = [];
        _batch = NewBatch();
        return taken;
    }

    private void Run()
    {
        while (true)
        {
            List<LogRecord> batch;
            TaskCompletionSource done;
            bool stopping;
            lock (_queueGate)
            {
                while (_pending.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_queueGate);
                }
                (batch, done) = TakePending();
                stopping = _stopping;
            }
            Commit(batch, done);
            if (Failure is null && _capture is not null && (_logBytes >= CompactionThreshold || (stopping && _logBytes > 0)))
            {
                try
                {
                    Compact(clean: stopping);
                }
                catch (Exception e)
                {
                    Fail(e);
                }
            }
            if (stopping)
            {
                return;
            }
        }
    }

    private void Commit(List<LogRecord> batch, TaskCompletionSource done)
    {
        if (batch.Count == 0)
        {
            done.TrySetResult();
            return;
        }
        if (Failure is { } failure)
        {
            done.TrySetException(failure);
            return;
        }
        try
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartArray();
                foreach (var record in batch)
                {
                    WriteRecord(json, record);
                }
                json.WriteEndArray();
            }
            Frames.Write(_log, _buffer.WrittenSpan);
            _writtenCeiling = Math.Max(_writtenCeiling, batch.Where(r => r.Ceiling).Select(r => r.Version).DefaultIfEmpty().Max());
            _log.Flush(flushToDisk: true);
            Interlocked.Increment(ref _flushes);
            _logBytes += Frames.FrameOverhead + _buffer.WrittenCount;
            done.TrySetResult();
        }
        catch (Exception e)
        {
            Fail(e);
            done.TrySetException(e);
        }
    }

    private void Fail(Exception e)
    {
        lock (_queueGate)
        {
            _failure ??= new IOException($"writing the data directory {Directory} failed: {e.Message}", e);
        }
    }

    private void Compact(bool clean)
    {
        List<LogRecord> tail = [];
        TaskCompletionSource? done = null;
        var snapshot = _capture!(() =>
        {
            lock (_queueGate)
            {
                (tail, done) = TakePending();
            }
        });
        Commit(tail, done!);
        if (Failure is not null)
        {
            return;
        }

        var temporary = _snapshotPath + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(SnapshotMagic);
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("resourceVersion", snapshot.Version);
                json.WriteNumber("objects", snapshot.Objects.Count);
                json.WriteNumber("ceiling", _writtenCeiling);
                json.WriteBoolean("clean", clean);
                json.WriteEndObject();
            }
            Frames.Write(file, _buffer.WrittenSpan);
            foreach (var chunk in snapshot.Objects.Chunk(SnapshotChunk))
            {
                _buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(_buffer))
                {
                    json.WriteStartArray();
                    foreach (var record in chunk)
                    {
                        WriteRecord(json, record);
                    }
                    json.WriteEndArray();
                }
                Frames.Write(file, _buffer.WrittenSpan);
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _snapshotPath, overwrite: true);
        DirectorySync.Flush(Directory);

        // Everything in the log is in the snapshot now.
        _log.SetLength(Frames.HeaderSize);
        _log.Position = Frames.HeaderSize;
        _log.Flush(flushToDisk: true);
        _logBytes = 0;
    }

    private static void WriteRecord(Utf8JsonWriter json, LogRecord record)
    {
        json.WriteStartObject();
        if (record.Ceiling)
        {
            json.WriteNumber("ceiling", record.Version);
            json.WriteEndObject();
            return;
        }
        json.WriteNumber("rv", record.Version);
        json.WriteString("resource", record.Resource);
        json.WriteString("namespace", record.Namespace);
        json.WriteString("name", record.Name);
        if (record.Object is { } obj)
        {
            json.WritePropertyName("object");
            obj.WriteTo(json);
        }
        else
        {
            json.WriteBoolean("deleted", true);
        }
        json.WriteEndObject();
    }

    private static WriteAheadLog Recover(string directory, FileStream lockFile)
    {
        var snapshotPath = Path.Combine(directory, SnapshotFileName);
        var logPath = Path.Combine(directory, LogFileName);
        File.Delete(snapshotPath + ".tmp");

        var objects = new Dictionary<(string, string, string), LogRecord>();
        long version = 0;
        long ceiling = 0;
        var clean = false;
        if (File.Exists(snapshotPath))
        {
            var frames = Frames.Read(File.ReadAllBytes(snapshotPath), snapshotPath, SnapshotMagic, tornTailAllowed: false, out _);
            if (frames.Count == 0)
            {
                throw CorruptData.At(snapshotPath, Frames.HeaderSize, "the snapshot has no header record");
            }
            var header = Parse(snapshotPath, frames[0].Offset, frames[0].Payload) as JsonObject;
            var expected = header?["objects"]?.GetValue<long>();
            version = header?["resourceVersion"]?.GetValue<long>() ?? throw CorruptData.At(snapshotPath, frames[0].Offset, "the snapshot header has no resourceVersion");
            ceiling = header["ceiling"]?.GetValue<long>() ?? 0;
            clean = header["clean"]?.GetValue<bool>() == true;
            foreach (var (offset, payload) in frames.Skip(1))
            {
                foreach (var record in Records(snapshotPath, offset, payload).Where(r => !r.Ceiling))
                {
                    objects[(record.Resource, record.Namespace, record.Name)] = record;
                }
            }
            if (expected != objects.Count)
            {
                throw CorruptData.At(snapshotPath, frames[^1].Offset, $"the snapshot holds {objects.Count} objects where its header says {expected}");
            }
        }

        long ignoredTail = 0;
        long validLength = 0;
        if (File.Exists(logPath))
        {
            var data = File.ReadAllBytes(logPath);
            var frames = Frames.Read(data, logPath, LogMagic, tornTailAllowed: true, out validLength);
            ignoredTail = data.Length - validLength;
            var last = version;
            foreach (var (offset, payload) in frames)
            {
                foreach (var record in Records(logPath, offset, payload))
                {
                    if (record.Ceiling)
                    {
                        clean = false;
                        ceiling = Math.Max(ceiling, record.Version);
                        continue;
                    }
                    if (record.Version <= version)
                    {
                        // Already in the snapshot (a crash between writing it and truncating the log).
                        continue;
                    }
                    if (record.Version <= last)
                    {
                        throw CorruptData.At(logPath, offset, $"resourceVersion {record.Version} follows {last}: the log is out of order");
                    }
                    last = record.Version;
                    clean = false;
                    var key = (record.Resource, record.Namespace, record.Name);
                    if (record.Object is null)
                    {
                        objects.Remove(key);
                    }
                    else
                    {
                        objects[key] = record;
                    }
                }
            }
            version = last;
        }

        // After a crash, versions up to the ceiling may have been seen: resume above them all.
        if (!clean)
        {
            version = Math.Max(version, ceiling);
        }
        var nextCeiling = version + CeilingStep;

        var log = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096);
        try
        {
            if (validLength < Frames.HeaderSize)
            {
                log.SetLength(0);
                log.Write(LogMagic);
            }
            else
            {
                log.SetLength(validLength);
                log.Position = validLength;
            }

            // The ceiling for this run is on disk before any version is handed out.
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                WriteRecord(json, new LogRecord(nextCeiling, "", "", "", null, Ceiling: true));
                json.WriteEndArray();
            }
            Frames.Write(log, buffer.WrittenSpan);
            log.Flush(flushToDisk: true);
        }
        catch
        {
            log.Dispose();
            throw;
        }
        return new WriteAheadLog(directory, lockFile, log, version, nextCeiling, [.. objects.Values], ignoredTail);
    }

    private static JsonNode? Parse(string path, long offset, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonNode.Parse(payload.Span);
        }
        catch (JsonException e)
        {
            throw CorruptData.At(path, offset, "a record is not valid JSON: " + e.Message);
        }
    }

    private static IEnumerable<LogRecord> Records(string path, long offset, ReadOnlyMemory<byte> payload)
    {
        if (Parse(path, offset, payload) is not JsonArray array)
        {
            throw CorruptData.At(path, offset, "a record frame is not a JSON array");
        }
        foreach (var item in array)
        {
            LogRecord record;
            try
            {
                var entry = (JsonObject)item!;
                if (entry["ceiling"] is { } announced)
                {
                    record = new LogRecord(announced.GetValue<long>(), "", "", "", null, Ceiling: true);
                }
                else
                {
                    record = ObjectRecord(entry);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidCastException or NullReferenceException or FormatException)
            {
                throw CorruptData.At(path, offset, "a record is malformed: " + e.Message);
            }
            yield return record;
        }
    }

    private static LogRecord ObjectRecord(JsonObject entry)
    {
        var obj = entry["object"] as JsonObject;
        entry.Remove("object");
        if (obj is null && entry["deleted"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException("a record has neither an object nor deleted: true");
        }
        if (obj is not null)
        {
            Materialize(obj);
        }
        return new LogRecord(entry["rv"]!.GetValue<long>(), (string)entry["resource"]!, (string)entry["namespace"]!, (string)entry["name"]!, obj);
    }

    // Parsed nodes are built lazily on first access; stored objects are read by many threads at once, so build them now.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }
                break;
            case JsonArray array:
                foreach (var value in array)
                {
                    Materialize(value);
                }
                break;
        }
    }
}

/// <summary>Flushes a directory's entries (a rename in it) to disk, where the platform allows (Linux, macOS).</summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return;
        }
        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
