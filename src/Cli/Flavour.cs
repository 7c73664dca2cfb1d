namespace Orkestra.Cli;

/// <summary>Which of the three binaries this is, fixed at compile time by <c>-p:OrkFlavor=…</c>.</summary>
internal static class Flavour
{
#if ORK_DEV
    /// <summary>The flavour's name: <c>dev</c>, <c>runtime</c> or <c>gateway</c>.</summary>
    public const string Name = "dev";
#elif ORK_RUNTIME
    /// <summary>The flavour's name: <c>dev</c>, <c>runtime</c> or <c>gateway</c>.</summary>
    public const string Name = "runtime";
#elif ORK_GATEWAY
    /// <summary>The flavour's name: <c>dev</c>, <c>runtime</c> or <c>gateway</c>.</summary>
    public const string Name = "gateway";
#else
#error Build with -p:OrkFlavor=dev, runtime or gateway.
#endif
}
