using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The random notes (upstream <c>pkg/note/random.go</c>). They draw only from <see cref="TemplateServices.Random"/>,
/// so tests are deterministic; in a katalog they belong in fields evaluated once (<c>once: true</c>). N of 0 or less
/// gives "".
/// </summary>
internal static class RandomNotes
{
    /// <summary>The most random bytes or characters one call may produce.</summary>
    public const int MaxLength = 1 << 20;

    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static void Register(NoteRegistry notes)
    {
        notes.Add("randomAlphanumeric", c =>
        {
            var n = Count(c.Arguments[0]);
            var chars = new char[n];
            for (var i = 0; i < n; i++)
            {
                chars[i] = Alphanumeric[c.Services.Random.Next(Alphanumeric.Length)];
            }

            return new string(chars);
        });
        notes.Add("randomHex", c => Convert.ToHexStringLower(Bytes(c, Count(c.Arguments[0]))));
        notes.Add("randomBase64", c => Convert.ToBase64String(Bytes(c, Count(c.Arguments[0]))).Replace('+', '-').Replace('/', '_'));
    }

    private static int Count(object? value)
    {
        var n = Int(value);
        return n <= 0 ? 0 : n > MaxLength ? throw new TemplateFunctionException("at most " + MaxLength + " can be generated, not " + n) : (int)n;
    }

    private static byte[] Bytes(TemplateCall call, int n)
    {
        var bytes = new byte[n];
        call.Services.Random.NextBytes(bytes);
        return bytes;
    }
}
