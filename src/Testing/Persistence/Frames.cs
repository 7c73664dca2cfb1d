using System.Buffers.Binary;

namespace Orkestra.Testing.Persistence;

/// <summary>The error for a file of the data directory that cannot be read back: which file, where, and why.</summary>
internal static class CorruptData
{
    public static InvalidDataException At(string path, long offset, string problem) =>
        new($"the data file {path} is corrupt at byte offset {offset}: {problem}. Move the data directory aside (or restore it from a backup) to start the server.");
}

/// <summary>
/// The framing of the log and snapshot files: an 8-byte magic header, then frames of
/// <c>[payload length: int32 LE][CRC-32 of the payload: uint32 LE][payload: UTF-8 JSON]</c>.
/// </summary>
internal static class Frames
{
    public const int HeaderSize = 8;
    public const int FrameOverhead = 8;
    public const int MaxPayload = 1 << 30;

    /// <summary>Writes one frame around <paramref name="payload"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> prefix = stackalloc byte[FrameOverhead];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[4..], Crc32.Compute(payload));
        stream.Write(prefix);
        stream.Write(payload);
    }

    /// <summary>
    /// The frames of a file's contents. A bad frame with nothing valid after it is a torn tail (a write that never
    /// completed, as a crash leaves it): it and what follows are not returned, and <paramref name="validLength"/> says
    /// where the good part ends. When <paramref name="tornTailAllowed"/> is false, or when a valid frame follows the
    /// bad one (which no crash produces), the file is reported corrupt.
    /// </summary>
    public static List<(long Offset, ReadOnlyMemory<byte> Payload)> Read(byte[] data, string path, ReadOnlySpan<byte> magic, bool tornTailAllowed, out long validLength)
    {
        var frames = new List<(long, ReadOnlyMemory<byte>)>();
        if (data.Length < HeaderSize)
        {
            // The header itself was torn: the file was being created.
            if (!tornTailAllowed && data.Length > 0)
            {
                throw CorruptData.At(path, 0, "the file header is incomplete");
            }
            validLength = 0;
            return frames;
        }
        if (tornTailAllowed && !data.AsSpan().ContainsAnyExcept((byte)0))
        {
            // Only zeros: the file was being created when the machine stopped, its contents never written.
            validLength = 0;
            return frames;
        }
        if (!data.AsSpan(0, HeaderSize).SequenceEqual(magic))
        {
            throw CorruptData.At(path, 0, "not an Orkestra data file of this version (unknown header)");
        }
        var position = (long)HeaderSize;
        while (position < data.Length)
        {
            if (TryFrame(data, position, out var payload, out var next))
            {
                frames.Add((position, payload));
                position = next;
                continue;
            }
            if (!tornTailAllowed)
            {
                throw CorruptData.At(path, position, "a record is incomplete or fails its checksum");
            }
            if (DeclaredEnd(data, position) is { } end && end < data.Length && TryFrame(data, end, out _, out _))
            {
                throw CorruptData.At(path, position, "a record fails its checksum and valid records follow it");
            }
            break;
        }
        validLength = position;
        return frames;
    }

    private static long? DeclaredEnd(byte[] data, long position)
    {
        if (data.Length - position < FrameOverhead)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((int)position, 4));
        return length is > 0 and <= MaxPayload ? position + FrameOverhead + length : null;
    }

    private static bool TryFrame(byte[] data, long position, out ReadOnlyMemory<byte> payload, out long next)
    {
        payload = default;
        next = 0;
        if (DeclaredEnd(data, position) is not { } end || end > data.Length)
        {
            return false;
        }
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)position + 4, 4));
        var body = data.AsMemory((int)position + FrameOverhead, (int)(end - position - FrameOverhead));
        if (Crc32.Compute(body.Span) != crc)
        {
            return false;
        }
        payload = body;
        next = end;
        return true;
    }
}
