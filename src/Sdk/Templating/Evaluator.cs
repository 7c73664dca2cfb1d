using System.Globalization;
using System.Text;
using Orkestra.Templating.Syntax;

namespace Orkestra.Templating;

/// <summary>Walks a template's syntax tree with Go's execution rules (<c>text/template/exec.go</c>).</summary>
internal sealed class Evaluator
{
    private readonly Template _template;
    private readonly StringBuilder _output;
    private readonly object? _root;
    private readonly TemplateServices _services;
    private readonly List<KeyValuePair<string, object?>> _vars = new();
    private int _depth;

    public Evaluator(Template template, StringBuilder output, object? root, TemplateServices services)
    {
        _template = template;
        _output = output;
        _root = root;
        _services = services;
    }

    /// <summary>A nil interface value: what a map lookup of a missing key or of a JSON null gives.</summary>
    private sealed class NilInterface
    {
        public static readonly NilInterface Value = new();
    }

    /// <summary>The absence of a piped value (Go's missingVal).</summary>
    private sealed class Missing
    {
        public static readonly Missing Value = new();
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public void Run()
    {
        _vars.Add(new KeyValuePair<string, object?>("$", _root));
        Walk(_root, _template.Syntax.Root);
    }

    private static TemplateExecutionException Error(Node node, string message) => new(message, node.Offset);

    private static object? Unwrap(object? value) => value is NilInterface ? null : value;

    private static object? Wrap(object? value) => value ?? NilInterface.Value;

    private Flow Walk(object? dot, Node node)
    {
        switch (node)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    Print(value);
                }

                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode text:
                _output.Append(text.Text);
                return Flow.Normal;
            case ControlNode { Kind: ControlKind.Range } range:
                return WalkRange(dot, range);
            case ControlNode control:
                return WalkIfOrWith(dot, control);
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case LoopControlNode loop:
                return loop.IsBreak ? Flow.Break : Flow.Continue;
            default:
                throw Error(node, "unknown node: " + node.GetType().Name);
        }
    }

    private void Print(object? value)
    {
        if (value is null)
        {
            _output.Append("<no value>");
            return;
        }

        GoValues.AppendValue(_output, value);
    }

    private Flow WalkIfOrWith(object? dot, ControlNode node)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, node.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(node.Kind == ControlKind.With ? value : dot, node.List);
            }

            return node.ElseList is null ? Flow.Normal : Walk(dot, node.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, ControlNode node)
    {
        var outer = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, node.Pipe);
            var mark = _vars.Count;
            var declarations = node.Pipe.Declarations;

            // Returns false when the loop must stop ({{break}}).
            bool OneIteration(object? index, object? element)
            {
                if (declarations.Count > 0)
                {
                    if (node.Pipe.IsAssign)
                    {
                        SetVar(declarations[0], declarations.Count > 1 ? index : element);
                    }
                    else
                    {
                        _vars[_vars.Count - 1] = new KeyValuePair<string, object?>(_vars[_vars.Count - 1].Key, element);
                    }
                }

                if (declarations.Count > 1)
                {
                    if (node.Pipe.IsAssign)
                    {
                        SetVar(declarations[1], element);
                    }
                    else
                    {
                        _vars[_vars.Count - 2] = new KeyValuePair<string, object?>(_vars[_vars.Count - 2].Key, index);
                    }
                }

                try
                {
                    return Walk(element, node.List) != Flow.Break;
                }
                finally
                {
                    Pop(mark);
                }
            }

            switch (value)
            {
                case IList<object?> list when list.Count > 0:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (!OneIteration((long)i, Wrap(list[i])))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case IDictionary<string, object?> map when map.Count > 0:
                    foreach (var key in GoValues.SortedKeys(map))
                    {
                        if (!OneIteration(key, Wrap(map[key])))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case long or int when declarations.Count > 1:
                    throw Error(node, "can't use " + GoValues.Print(value) + " to iterate over more than one variable");
                case long or int when Convert.ToInt64(value, CultureInfo.InvariantCulture) > 0:
                    var count = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    for (long i = 0; i < count; i++)
                    {
                        if (!OneIteration(i, i))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case null:
                case IList<object?>:
                case IDictionary<string, object?>:
                case long or int:
                    break;
                default:
                    throw Error(node, "range can't iterate over " + GoValues.Print(value));
            }

            return node.ElseList is null ? Flow.Normal : Walk(dot, node.ElseList);
        }
        finally
        {
            Pop(outer);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode node)
    {
        var list = _template.Lookup(node.Name) ?? throw Error(node, "template \"" + node.Name + "\" not defined");
        if (_depth >= Template.MaxDepth)
        {
            throw Error(node, "exceeded maximum template depth (" + Template.MaxDepth + ")");
        }

        var newDot = node.Pipe is null ? null : EvalPipeline(dot, node.Pipe);
        var saved = _vars.ToArray();
        _vars.Clear();
        _vars.Add(new KeyValuePair<string, object?>("$", newDot));
        _depth++;
        try
        {
            Walk(newDot, list);
        }
        finally
        {
            _depth--;
            _vars.Clear();
            _vars.AddRange(saved);
        }
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        object? value = Missing.Value;
        foreach (var command in pipe.Commands)
        {
            value = Unwrap(EvalCommand(dot, command, value));
        }

        foreach (var variable in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable, value);
            }
            else
            {
                _vars.Add(new KeyValuePair<string, object?>(variable.Name, value));
            }
        }

        return value;
    }

    private void SetVar(VariableNode variable, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == variable.Name)
            {
                _vars[i] = new KeyValuePair<string, object?>(variable.Name, value);
                return;
            }
        }

        throw Error(variable, "undefined variable: " + variable.Name);
    }

    private object? VarValue(VariableNode variable)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == variable.Name)
            {
                return _vars[i].Value;
            }
        }

        throw Error(variable, "undefined variable: " + variable.Name);
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final)
    {
        var first = command.Arguments[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Fields, command.Arguments, final);
            case ChainNode chain:
                if (chain.Target is NilNode)
                {
                    throw Error(chain, "indirection through explicit nil in " + Describe(chain));
                }

                return EvalFieldChain(dot, EvalArgument(dot, chain.Target), chain, chain.Fields, command.Arguments, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command.Arguments, final);
            case PipeNode pipe:
                NotAFunction(command.Arguments, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                var value = VarValue(variable);
                if (variable.Fields.Length == 0)
                {
                    NotAFunction(command.Arguments, final);
                    return value;
                }

                return EvalFieldChain(dot, value, variable, variable.Fields, command.Arguments, final);
        }

        NotAFunction(command.Arguments, final);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Error(first, "nil is not a command"),
            NumberNode number => IdealConstant(number),
            StringNode s => s.Text,
            _ => throw Error(first, "can't evaluate command " + first.GetType().Name),
        };
    }

    private static void NotAFunction(List<Node> arguments, object? final)
    {
        if (arguments.Count > 1 || final is not Missing)
        {
            throw Error(arguments[0], "can't give argument to non-function " + Describe(arguments[0]));
        }
    }

    private static object IdealConstant(NumberNode number)
    {
        if (number.IsComplex)
        {
            return number.Complex;
        }

        if (number.IsFloat && !IsHexInt(number.Text) && number.Text.IndexOfAny(new[] { '.', 'e', 'E', 'p', 'P' }) >= 0)
        {
            return number.Float;
        }

        if (number.IsInt)
        {
            return number.Int;
        }

        if (number.IsUint)
        {
            throw new TemplateExecutionException(number.Text + " overflows int", number.Offset);
        }

        return number.Float;
    }

    private static bool IsHexInt(string text) =>
        text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && text.IndexOfAny(new[] { 'p', 'P' }) < 0;

    private object? EvalFieldChain(object? dot, object? receiver, Node node, string[] fields, List<Node> arguments, object? final)
    {
        for (var i = 0; i < fields.Length - 1; i++)
        {
            receiver = EvalField(fields[i], node, hasArguments: false, receiver);
        }

        var hasArguments = arguments.Count > 1 || final is not Missing;
        return EvalField(fields[fields.Length - 1], node, hasArguments, receiver);
    }

    private static object? EvalField(string name, Node node, bool hasArguments, object? receiver)
    {
        switch (receiver)
        {
            case null:
                return null;
            case NilInterface:
                throw Error(node, "nil pointer evaluating interface {}." + name);
            case IDictionary<string, object?> map:
                if (hasArguments)
                {
                    throw Error(node, name + " is not a method but has arguments");
                }

                return map.TryGetValue(name, out var value) ? Wrap(value) : NilInterface.Value;
            default:
                throw Error(node, "can't evaluate field " + name + " in type " + GoValues.TypeName(receiver));
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode identifier, List<Node> arguments, object? final)
    {
        if (!_template.Functions.TryGet(identifier.Name, out var function))
        {
            throw Error(identifier, "\"" + identifier.Name + "\" is not a defined function");
        }

        var count = arguments.Count - 1 + (final is Missing ? 0 : 1);
        if (function.MaxArguments >= 0 && function.MinArguments == function.MaxArguments && count != function.MinArguments)
        {
            throw Error(identifier, "wrong number of args for " + identifier.Name + ": want " + function.MinArguments + " got " + count);
        }

        if (count < function.MinArguments)
        {
            throw Error(identifier, "wrong number of args for " + identifier.Name + ": want at least " + function.MinArguments + " got " + (arguments.Count - 1));
        }

        if (function.MaxArguments >= 0 && count > function.MaxArguments)
        {
            throw Error(identifier, "wrong number of args for " + identifier.Name + ": want at most " + function.MaxArguments + " got " + count);
        }

        // and/or evaluate their arguments one at a time and stop at the first that decides.
        if (identifier.Name is "and" or "or")
        {
            var wantTrue = identifier.Name == "or";
            object? value = null;
            for (var i = 1; i < arguments.Count; i++)
            {
                value = Unwrap(EvalArgument(dot, arguments[i]));
                if (GoValues.IsTrue(value) == wantTrue)
                {
                    return value;
                }
            }

            return final is Missing ? value : Unwrap(final);
        }

        var values = new object?[count];
        for (var i = 1; i < arguments.Count; i++)
        {
            values[i - 1] = Unwrap(EvalArgument(dot, arguments[i]));
        }

        if (final is not Missing)
        {
            values[count - 1] = Unwrap(final);
        }

        try
        {
            return Wrap(function.Invoke(new TemplateCall(values, _root, _services)));
        }
        catch (TemplateFunctionException ex)
        {
            throw Error(identifier, "error calling " + identifier.Name + ": " + ex.Message);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException)
        {
            throw Error(identifier, "error calling " + identifier.Name + ": " + ex.Message);
        }
    }

    private object? EvalArgument(object? dot, Node node)
    {
        switch (node)
        {
            case DotNode:
                return dot;
            case NilNode:
                return null;
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Fields, new List<Node> { field }, Missing.Value);
            case VariableNode variable:
                var value = VarValue(variable);
                return variable.Fields.Length == 0 ? value : EvalFieldChain(dot, value, variable, variable.Fields, new List<Node> { variable }, Missing.Value);
            case PipeNode pipe:
                return EvalPipeline(dot, pipe);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, new List<Node> { identifier }, Missing.Value);
            case ChainNode chain:
                if (chain.Target is NilNode)
                {
                    throw Error(chain, "indirection through explicit nil in " + Describe(chain));
                }

                return EvalFieldChain(dot, EvalArgument(dot, chain.Target), chain, chain.Fields, new List<Node> { chain }, Missing.Value);
            case BoolNode b:
                return b.Value;
            case NumberNode number:
                return IdealConstant(number);
            case StringNode s:
                return s.Text;
            default:
                throw Error(node, "can't handle " + node.GetType().Name + " as an argument");
        }
    }

    private static string Describe(Node node) => node switch
    {
        FieldNode f => "." + string.Join(".", f.Fields),
        VariableNode v => v.Name + (v.Fields.Length > 0 ? "." + string.Join(".", v.Fields) : string.Empty),
        StringNode s => s.Quoted,
        NumberNode n => n.Text,
        BoolNode b => b.Value ? "true" : "false",
        DotNode => ".",
        NilNode => "nil",
        IdentifierNode i => i.Name,
        ChainNode c => "(" + Describe(c.Target) + ")." + string.Join(".", c.Fields),
        _ => node.GetType().Name,
    };
}
