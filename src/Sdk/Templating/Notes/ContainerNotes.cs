using System.Globalization;
using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The container notes (upstream <c>pkg/note/kube_container.go</c>): the containers of a workload's pod template
/// (<c>spec.template.spec.containers</c>, as upstream). A Pod (<c>spec.containers</c>) and a CronJob
/// (<c>spec.jobTemplate.spec.template.spec.containers</c>) are read too. An index out of range gives "", 0 or false.
/// Upstream's current code made the container index optional (0), reordered <c>containerEnv</c> to
/// <c>OBJECT NAME [INDEX]</c> and made <c>containerPort OBJECT [INDEX]</c> give the first port's number; the documented
/// forms (<c>containerEnv OBJECT INDEX NAME</c>, <c>containerPort OBJECT INDEX PORT</c>) keep working. (Upstream's
/// <c>containerPort OBJECT INDEX PORT_INDEX</c> cannot be told apart from the documented form and is not supported.)
/// </summary>
internal static class ContainerNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("containerImage", c => PathText(Container(c.Arguments[0], c.Arguments.Count > 1 ? c.Arguments[1] : null), "image"));
        notes.Add("containerEnv", c =>
        {
            // OBJECT INDEX NAME (documented) or OBJECT NAME [INDEX] (upstream's current code), told apart by whether the
            // second argument is a string.
            var current = c.Arguments.Count == 2 || c.Arguments[1] is string;
            var name = Text(current ? c.Arguments[1] : c.Arguments[2]);
            var index = current ? (c.Arguments.Count > 2 ? c.Arguments[2] : null) : c.Arguments[1];
            if (Path(Container(c.Arguments[0], index), "env") is IList<object?> env)
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
            if (c.Arguments.Count == 3)
            {
                return HasPort(c.Arguments[0], c.Arguments[1], c.Arguments[2]);
            }

            // The containerPort of the first port of container INDEX (0); 0 when there is none.
            var ports = Path(Container(c.Arguments[0], c.Arguments.Count > 1 ? c.Arguments[1] : null), "ports") as IList<object?>;
            return ports is { Count: > 0 } ? ToInt64(Path(ports[0], "containerPort")) : 0L;
        });
        notes.Add("hasContainerPort", c => HasPort(c.Arguments[0], c.Arguments[1], c.Arguments[2]));
        notes.Add("containerPortByName", c =>
        {
            // An empty name matches nothing (upstream), not a port without a name.
            var name = Text(c.Arguments[2]);
            if (name.Length == 0)
            {
                return 0L;
            }

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

    // Whether container INDEX declares containerPort PORT.
    private static bool HasPort(object? obj, object? index, object? port)
    {
        var number = Int(port);
        foreach (var declared in Ports(Container(obj, index)))
        {
            if (declared is IDictionary<string, object?> && ToInt64(Path(declared, "containerPort")) == number)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<object?> Ports(object? container) =>
        Path(container, "ports") as IList<object?> ?? Array.Empty<object?>();
}
