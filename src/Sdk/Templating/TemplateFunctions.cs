namespace Orkestra.Templating;

/// <summary>What a template function receives: its arguments (the piped value last) and the template's root data.</summary>
/// <param name="Arguments">The arguments, evaluated.</param>
/// <param name="Root">The data the template was executed with (<c>$</c>).</param>
/// <param name="Services">The clock and the randomness functions take their values from.</param>
public readonly record struct TemplateCall(IReadOnlyList<object?> Arguments, object? Root, TemplateServices Services);

/// <summary>A function a template can call.</summary>
/// <param name="Name">The name templates use.</param>
/// <param name="MinArguments">The fewest arguments accepted.</param>
/// <param name="MaxArguments">The most arguments accepted; -1 for any number.</param>
/// <param name="Invoke">The implementation; throws <see cref="TemplateFunctionException"/> to fail.</param>
public sealed record TemplateFunction(string Name, int MinArguments, int MaxArguments, Func<TemplateCall, object?> Invoke);

/// <summary>The clock and the source of randomness template functions use, injectable so that tests are deterministic.</summary>
/// <param name="Clock">The current time.</param>
/// <param name="Random">The source of random numbers.</param>
public sealed record TemplateServices(TimeProvider Clock, Random Random)
{
    /// <summary>The system clock and a shared random source.</summary>
    public static readonly TemplateServices Default = new(TimeProvider.System, Random.Shared);
}

/// <summary>A set of functions, looked up by name. Sets are immutable; <see cref="With"/> makes a new one.</summary>
public sealed class FunctionSet
{
    private readonly Dictionary<string, TemplateFunction> _functions;

    private FunctionSet(Dictionary<string, TemplateFunction> functions) => _functions = functions;

    /// <summary>Go's built-in template functions only.</summary>
    public static FunctionSet Builtins { get; } = new(Templating.Builtins.All.ToDictionary(f => f.Name, StringComparer.Ordinal));

    /// <summary>
    /// What katalog templates see: Go's built-in functions and upstream Orkestra's notes (<see cref="Notes"/>); a note
    /// replaces the built-in of the same name (<c>len</c>, which is nil-safe here).
    /// </summary>
    public static FunctionSet Standard { get; } = Builtins.With(Notes.Functions);

    /// <summary>Whether a function of that name exists.</summary>
    public bool Contains(string name) => _functions.ContainsKey(name);

    /// <summary>The function named <paramref name="name"/>.</summary>
    public bool TryGet(string name, out TemplateFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>A new set with <paramref name="functions"/> added (replacing same-named ones).</summary>
    public FunctionSet With(IEnumerable<TemplateFunction> functions)
    {
        var copy = new Dictionary<string, TemplateFunction>(_functions, StringComparer.Ordinal);
        foreach (var function in functions)
        {
            copy[function.Name] = function;
        }

        return new FunctionSet(copy);
    }
}
