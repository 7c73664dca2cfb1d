using System.Text.Json.Nodes;
using Orkestra.Templating;
using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;
using NoteLibrary = Orkestra.Templating.Notes;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>
/// Every note, called with nil, odd and hostile arguments in every position, either returns a value of the engine's
/// value model or fails with <see cref="TemplateFunctionException"/> — never any other exception.
/// </summary>
public class NoteRobustnessTests
{
    private static readonly object?[] Pool =
    {
        null,
        string.Empty,
        "x",
        "0",
        "-1",
        "1.5",
        "@hourly",
        "*/5 * * * *",
        "1.2.3",
        "10.0.0.0/8",
        "2026-01-15T10:00:00Z",
        "100m",
        "1e400",
        "NaN",
        "\ud800",
        "<no value>",
        0L,
        -1L,
        3L,
        long.MaxValue,
        long.MinValue,
        2.5,
        -0.0,
        double.NaN,
        double.PositiveInfinity,
        1e300,
        true,
        false,
        new List<object?>(),
        new List<object?> { null, 1.0, "a", new List<object?>() },
        new Dictionary<string, object?>(),
        Kubernetesish(),
        System.Numerics.Complex.ImaginaryOne,
        (byte)7,
        42UL,
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var function in NoteLibrary.Functions)
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Odd_arguments_give_a_value_or_a_template_function_error(string name)
    {
        var function = NoteLibrary.Functions.Single(f => f.Name == name);
        var arities = Enumerable.Range(function.MinArguments, (function.MaxArguments < 0 ? function.MinArguments + 2 : function.MaxArguments) - function.MinArguments + 1)
            .Where(n => n <= 5);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        foreach (var arity in arities)
        {
            // Every pool value in every position, the others nil; every position the same value; then random mixes.
            for (var position = 0; position < arity; position++)
            {
                foreach (var value in Pool)
                {
                    var arguments = new object?[arity];
                    arguments[position] = value;
                    Check(function, arguments);
                }
            }

            foreach (var value in Pool)
            {
                Check(function, Enumerable.Repeat(value, arity).ToArray());
            }

            for (var i = 0; i < 150; i++)
            {
                Check(function, Enumerable.Range(0, arity).Select(_ => Pool[random.Next(Pool.Length)]).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Missing_fields_never_crash_a_template(string name)
    {
        var function = NoteLibrary.Functions.Single(f => f.Name == name);
        var arguments = string.Concat(Enumerable.Repeat(" .missing", function.MinArguments));
        try
        {
            Render("{{ " + name + arguments + " }}", "{}");
        }
        catch (TemplateExecutionException ex)
        {
            Assert.Contains("error calling " + name + ":", ex.Message, StringComparison.Ordinal);
        }
    }

    private static void Check(TemplateFunction function, object?[] arguments)
    {
        object? result;
        try
        {
            result = function.Invoke(new TemplateCall(arguments, null, Services()));
        }
        catch (TemplateFunctionException)
        {
            return;
        }
        catch (Exception ex)
        {
            Assert.Fail(function.Name + "(" + string.Join(", ", arguments.Select(Describe)) + ") threw " + ex.GetType().Name + ": " + ex.Message);
            return;
        }

        Assert.True(IsValueModel(result, 0), function.Name + "(" + string.Join(", ", arguments.Select(Describe)) + ") returned a " + result?.GetType().Name);
    }

    private static bool IsValueModel(object? value, int depth) => depth > 50 || value switch
    {
        null or bool or string or long or double => true,
        IList<object?> list => list.All(item => IsValueModel(item, depth + 1)),
        IDictionary<string, object?> map => map.Values.All(item => IsValueModel(item, depth + 1)),
        // Arguments pass through unchanged (ternary, default, coalesce, get, …).
        _ => Pool.Contains(value),
    };

    private static string Describe(object? value) => value switch
    {
        null => "nil",
        string s => "\"" + s + "\"",
        _ => GoValues.TypeName(value) + " " + GoValues.Print(value),
    };

    private static object? Kubernetesish() => TemplateData.FromJson(JsonNode.Parse("""
        {
          "metadata": { "name": 5, "labels": [], "annotations": { "orkestra.orkspace.io/serve-target": 1 }, "ownerReferences": [ null, 3 ], "generation": "x", "deletionTimestamp": false },
          "spec": { "replicas": "three", "ports": [ null ], "template": { "spec": { "containers": [ null, { "ports": [ 1, { "containerPort": "80" } ], "env": [ 2 ] } ] } } },
          "status": { "conditions": [ 1, null, { "type": 5 } ], "loadBalancer": { "ingress": [ "x" ] }, "subsets": { } },
          "raw": { "data": { "resultType": "vector", "result": [ 1, { "value": [ 1 ] }, { "value": [ 1, 2 ] }, { "metric": 3 } ] } },
          "result": 7,
          "minute": [ 1 ]
        }
        """));
}
