using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The container notes (upstream <c>pkg/note/kube_container.go</c>): the containers of a workload's pod template
/// (<c>spec.template.spec.containers</c>, as upstream). A Pod (<c>spec.containers</c>) and a CronJob
/// (<c>spec.jobTemplate.spec.template.spec.containers</c>) are read too. An index out of range gives "", 0 or false.
/// </summary>
internal static class ContainerNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("containerImage", c => PathText(Container(c.Arguments[0], c.Arguments[1]), "image"));
        notes.Add("containerEnv", c =>
        {
            var name = Text(c.Arguments[2]);
            if (Path(Container(c.Arguments[0], c.Arguments[1]), "env") is IList<object?> env)
            {
                foreach (var variable in env)
                {
                    if (variable is IDictionary<string, object?> && PathText(variable, "name") == name && Path(variable, "value") is string value)
                    {
                        return value;
                    }
                }
            }

            return string.Empty;
        });
        notes.Add("containerPort", c =>
        {
            var port = Int(c.Arguments[2]);
            foreach (var declared in Ports(Container(c.Arguments[0], c.Arguments[1])))
            {
                if (declared is IDictionary<string, object?> && ToInt64(Path(declared, "containerPort")) == port)
                {
                    return true;
                }
            }

            return false;
        });
        notes.Add("containerPortByName", c =>
        {
            var name = Text(c.Arguments[2]);
            foreach (var declared in Ports(Container(c.Arguments[0], c.Arguments[1])))
            {
                if (declared is IDictionary<string, object?> && PathText(declared, "name") == name)
                {
                    return ToInt64(Path(declared, "containerPort"));
                }
            }

            return 0L;
        });
        notes.Add("containerPorts", c =>
        {
            var ports = new List<string>();
            foreach (var declared in Ports(Container(c.Arguments[0], c.Arguments[1])))
            {
                if (declared is IDictionary<string, object?>)
                {
                    ports.Add(ToInt64(Path(declared, "containerPort")).ToString(CultureInfo.InvariantCulture));
                }
            }

            return string.Join(",", ports);
        });
        notes.Add("containerCount", c => (long)(Containers(c.Arguments[0])?.Count ?? 0));
    }

    private static IList<object?>? Containers(object? obj) =>
        Path(obj, "spec", "template", "spec", "containers") as IList<object?>
        ?? Path(obj, "spec", "containers") as IList<object?>
        ?? Path(obj, "spec", "jobTemplate", "spec", "template", "spec", "containers") as IList<object?>;

    private static object? Container(object? obj, object? index)
    {
        var i = Int(index);
        return Containers(obj) is { } containers && i >= 0 && i < containers.Count ? containers[(int)i] : null;
    }

    private static IEnumerable<object?> Ports(object? container) =>
        Path(container, "ports") as IList<object?> ?? Array.Empty<object?>();
}
