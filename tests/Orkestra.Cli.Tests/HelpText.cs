namespace Orkestra.Cli.Tests;

/// <summary>Reads System.CommandLine's help output.</summary>
internal static class HelpText
{
    /// <summary>The command names listed under <c>Commands:</c>.</summary>
    public static IReadOnlyList<string> Commands(string help)
    {
        var names = new List<string>();
        var inCommands = false;
        foreach (var raw in help.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inCommands = line == "Commands:";
                continue;
            }

            if (inCommands && line.Trim().Length > 0)
            {
                names.Add(line.Trim().Split(' ')[0]);
            }
        }

        return names;
    }
}
