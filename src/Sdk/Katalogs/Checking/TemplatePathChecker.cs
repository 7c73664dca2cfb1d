using Orkestra.Templating.Syntax;

namespace Orkestra.Katalogs.Checking;

/// <summary>A template path the schema does not have, or a call with the wrong number of arguments.</summary>
/// <param name="Offset">Where in the template text the problem starts.</param>
/// <param name="Message">What is wrong and what to write instead.</param>
/// <param name="IsArity">A call with the wrong number of arguments rather than a path.</param>
/// <param name="Start">Where the path or call starts: the same problem in another version of the schema may stop at another field of it.</param>
internal sealed record TemplateProblem(int Offset, string Message, bool IsArity, int Start);

/// <summary>
/// Checks the paths a parsed template reads against the template data's shape (the CR's schema under
/// <c>.spec</c>, <c>.status</c>, <c>.metadata</c>; anything else at the root is open), following the dot through
/// <c>with</c> and <c>range</c>, variables assigned from paths, and <c>index</c> with constant keys; and the number of
/// arguments of every call to a Notes function. It never flags what it cannot be sure of: a path through an open
/// shape (preserve-unknown-fields, a map, a function's result) is not checked further.
/// </summary>
internal sealed class TemplatePathChecker
{
    private readonly List<TemplateProblem> _problems = new();

    /// <summary>The problems of <paramref name="template"/> when its data has the shape <paramref name="root"/>.</summary>
    public static IReadOnlyList<TemplateProblem> Check(ParsedTemplate template, DataShape root)
    {
        var checker = new TemplatePathChecker();
        checker.Walk(template.Root, Scope.Of(new Value(root, string.Empty)));
        foreach (var definition in template.Definitions.Values)
        {
            checker.Walk(definition, Scope.Of(new Value(DataShape.Open, string.Empty)));
        }

        return checker._problems;
    }

    /// <summary>
    /// The shape at a dotted path (<c>spec.shards</c>, <c>.spec.shards</c>) from <paramref name="root"/>, and the
    /// problem with it, if any (at offset 0).
    /// </summary>
    public static (DataShape Shape, TemplateProblem? Problem) Resolve(DataShape root, string path)
    {
        var checker = new TemplatePathChecker();
        var value = checker.Follow(new Value(root, string.Empty), path.Trim().TrimStart('.').Split('.'), -1);
        return (value.Shape, checker._problems.Count > 0 ? checker._problems[0] : null);
    }

    private void Walk(ListNode list, Scope scope)
    {
        foreach (var node in list.Nodes)
        {
            switch (node)
            {
                case ActionNode action:
                    Pipe(action.Pipe, scope, declare: true);
                    break;
                case ControlNode control:
                    Control(control, scope);
                    break;
                case TemplateNode call when call.Pipe is not null:
                    Pipe(call.Pipe, scope, declare: false);
                    break;
            }
        }
    }

    private void Control(ControlNode control, Scope outer)
    {
        // Variables declared in the control's pipeline live until its end.
        var inner = outer.Nested(outer.Dot);
        var value = Pipe(control.Pipe, inner, declare: control.Kind != ControlKind.Range);
        switch (control.Kind)
        {
            case ControlKind.If:
                Walk(control.List, inner);
                break;
            case ControlKind.With:
                Walk(control.List, inner.Nested(value));
                break;
            case ControlKind.Range:
                var element = new Value(value.Shape.Elements, value.Label + "[]");
                var declarations = control.Pipe.Declarations;
                if (declarations.Count == 1)
                {
                    inner.Variables[declarations[0].Name] = element;
                }
                else if (declarations.Count == 2)
                {
                    inner.Variables[declarations[0].Name] = new Value(value.Shape.Kind == DataShapeKind.Array ? DataShape.ScalarOf("integer") : DataShape.ScalarOf("string"), declarations[0].Name);
                    inner.Variables[declarations[1].Name] = element;
                }

                Walk(control.List, inner.Nested(element));
                break;
        }

        if (control.ElseList is { } otherwise)
        {
            Walk(otherwise, outer.Nested(outer.Dot));
        }
    }

    // A pipeline's value: open unless its last command is a path, or index with constant keys.
    private Value Pipe(PipeNode pipe, Scope scope, bool declare)
    {
        var value = Value.Unknown;
        for (var i = 0; i < pipe.Commands.Count; i++)
        {
            value = Command(pipe.Commands[i], scope, piped: i > 0);
        }

        if (declare)
        {
            foreach (var variable in pipe.Declarations)
            {
                scope.Variables[variable.Name] = pipe.Declarations.Count == 1 ? value : Value.Unknown;
            }
        }

        return value;
    }

    private Value Command(CommandNode command, Scope scope, bool piped)
    {
        if (command.Arguments.Count == 0)
        {
            return Value.Unknown;
        }

        if (command.Arguments[0] is IdentifierNode function)
        {
            var arguments = new List<Value>();
            for (var i = 1; i < command.Arguments.Count; i++)
            {
                arguments.Add(Term(command.Arguments[i], scope));
            }

            CheckArity(function, command.Arguments.Count - 1 + (piped ? 1 : 0));
            return function.Name == "index" && !piped && arguments.Count > 0 ? Index(arguments[0], command.Arguments.Skip(2)) : Value.Unknown;
        }

        var first = Term(command.Arguments[0], scope);
        for (var i = 1; i < command.Arguments.Count; i++)
        {
            Term(command.Arguments[i], scope);
        }

        return command.Arguments.Count == 1 && !piped ? first : Value.Unknown;
    }

    private void CheckArity(IdentifierNode function, int count)
    {
        if (NoteCatalog.Find(function.Name) is not { } note)
        {
            return;
        }

        var max = note.MaxArguments < 0 ? int.MaxValue : note.MaxArguments;
        if (count >= note.MinArguments && count <= max)
        {
            return;
        }

        var expected = note.MinArguments == max ? Count(max)
            : max == int.MaxValue ? "at least " + Count(note.MinArguments)
            : Count(note.MinArguments) + " to " + Count(max);
        var given = count == 1 ? "1 argument" : Count(count) + " arguments";
        _problems.Add(new TemplateProblem(function.Offset, $"'{function.Name}' takes {expected} argument{(expected == "1" ? string.Empty : "s")} ({note.Signature}) but is given {given} (a piped value counts as the last)", IsArity: true, function.Offset));
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // index X k1 k2 …: constant keys are followed like fields (a number into a list); anything else is open.
    private Value Index(Value target, IEnumerable<Node> keys)
    {
        var value = target;
        foreach (var key in keys)
        {
            switch (key)
            {
                case StringNode text:
                    value = Follow(value, new[] { text.Text }, key.Offset, quoted: true);
                    break;
                case NumberNode when value.Shape.Kind == DataShapeKind.Array:
                    value = new Value(value.Shape.Elements, value.Label + "[]");
                    break;
                default:
                    return Value.Unknown;
            }

            if (value.Shape.Kind == DataShapeKind.Open)
            {
                return value;
            }
        }

        return value;
    }

    private Value Term(Node node, Scope scope)
    {
        switch (node)
        {
            case FieldNode field:
                return Follow(scope.Dot, field.Fields, field.Offset);
            case VariableNode variable:
                var start = variable.Name == "$" ? scope.Root : scope.Variables.TryGetValue(variable.Name, out var bound) ? bound : Value.Unknown;
                return Follow(start, variable.Fields, variable.Offset + variable.Name.Length);
            case DotNode:
                return scope.Dot;
            case PipeNode pipe:
                return Pipe(pipe, scope.Nested(scope.Dot), declare: true);
            case ChainNode chain:
                return Follow(Term(chain.Target, scope), chain.Fields, -1);
            default:
                return Value.Unknown;
        }
    }

    // Follows fields from a value; reports the first field the schema does not have, at the '.' before it when start
    // is the offset of the first '.' (the key's quote for index), at 0 when start is -1.
    private Value Follow(Value from, IReadOnlyList<string> fields, int start, bool quoted = false)
    {
        var value = from;
        var offset = start;
        foreach (var name in fields)
        {
            if (value.Shape.Kind == DataShapeKind.Open)
            {
                return Value.Unknown;
            }

            var next = value.Shape.Field(name);
            if (next is null)
            {
                Report(value, name, offset, start, quoted);
                return Value.Unknown;
            }

            if (offset >= 0)
            {
                offset += (quoted ? 0 : 1) + name.Length;
            }

            value = new Value(next, value.Label + "." + name);
        }

        return value;
    }

    private void Report(Value at, string name, int offset, int start, bool quoted)
    {
        var shape = at.Shape;
        var shown = quoted ? "index " + Show(at.Label) + " \"" + name + "\"" : at.Label + "." + name;
        var suggestion = Schema.Suggestions.Closest(name, shape.Fields?.Keys ?? Enumerable.Empty<string>()) is { } close
            ? "; did you mean " + (quoted ? "'\"" + close + "\"'" : "'" + at.Label + "." + close + "'") + "?"
            : string.Empty;
        var reason = shape.Kind is DataShapeKind.Scalar or DataShapeKind.Array
            ? $"{Show(at.Label)} is {Article(shape.Type)}, which has no fields"
            : $"{Show(at.Label)} is {shape.Describe()}, without '{name}'";
        _problems.Add(new TemplateProblem(offset < 0 ? 0 : offset, $"'{shown}' is not in the CRD schema: {reason}{suggestion}", IsArity: false, start < 0 ? 0 : start));
    }

    private static string Show(string label) => label.Length == 0 ? "the CR" : "'" + label + "'";

    private static string Article(string type) => (type.Length > 0 && "aeiou".IndexOf(type[0]) >= 0 ? "an " : "a ") + type;

    // A template value: its shape, and how to name it in messages (.spec.shards[], $site.spec).
    private sealed record Value(DataShape Shape, string Label)
    {
        public static readonly Value Unknown = new(DataShape.Open, "(…)");
    }

    private sealed class Scope
    {
        private Scope(Value root, Value dot, Dictionary<string, Value> variables)
        {
            Root = root;
            Dot = dot;
            Variables = variables;
        }

        public Value Root { get; }

        public Value Dot { get; }

        public Dictionary<string, Value> Variables { get; }

        public static Scope Of(Value root) => new(new Value(root.Shape, "$"), root, new Dictionary<string, Value>(StringComparer.Ordinal));

        public Scope Nested(Value dot) => new(Root, dot, new Dictionary<string, Value>(Variables, StringComparer.Ordinal));
    }
}
