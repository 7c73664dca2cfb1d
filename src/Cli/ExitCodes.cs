namespace Orkestra.Cli;

/// <summary>Every exit code <c>ork</c> returns, in one place.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (warnings may have been reported).</summary>
    public const int Success = 0;

    /// <summary>The input is invalid or the command failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or invalid argument.</summary>
    public const int UsageError = 2;
}
