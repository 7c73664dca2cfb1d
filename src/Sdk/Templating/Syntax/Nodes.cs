namespace Orkestra.Templating.Syntax;

/// <summary>A node of a parsed template; <see cref="Offset"/> is where it starts in the template text.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
abstract class Node
{
    private protected Node(int offset) => Offset = offset;

    /// <summary>The 0-based offset of the node in the template text.</summary>
    public int Offset { get; }
}

/// <summary>A sequence of nodes.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class ListNode : Node
{
    internal ListNode(int offset)
        : base(offset)
    {
    }

    /// <summary>The nodes, in order.</summary>
    public List<Node> Nodes { get; } = new();
}

/// <summary>Plain text, copied to the output.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TextNode : Node
{
    internal TextNode(int offset, string text)
        : base(offset) => Text = text;

    /// <summary>The text.</summary>
    public string Text { get; }
}

/// <summary>An action whose value is printed: <c>{{ pipeline }}</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class ActionNode : Node
{
    internal ActionNode(int offset, PipeNode pipe)
        : base(offset) => Pipe = pipe;

    /// <summary>The pipeline.</summary>
    public PipeNode Pipe { get; }
}

/// <summary>A pipeline: optional variable declarations, then commands joined by <c>|</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class PipeNode : Node
{
    internal PipeNode(int offset)
        : base(offset)
    {
    }

    /// <summary>The variables declared or assigned (<c>$x :=</c>, <c>$i, $e :=</c>).</summary>
    public List<VariableNode> Declarations { get; } = new();

    /// <summary>True for <c>$x = …</c> (assignment), false for <c>$x := …</c>.</summary>
    public bool IsAssign { get; internal set; }

    /// <summary>The commands; the value of each is passed as the last argument of the next.</summary>
    public List<CommandNode> Commands { get; } = new();
}

/// <summary>A command: a function call, or a single operand.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class CommandNode : Node
{
    internal CommandNode(int offset)
        : base(offset)
    {
    }

    /// <summary>The operands; the first is the function (or the value) when there is one.</summary>
    public List<Node> Arguments { get; } = new();
}

/// <summary>A function name.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class IdentifierNode : Node
{
    internal IdentifierNode(int offset, string name)
        : base(offset) => Name = name;

    /// <summary>The function's name.</summary>
    public string Name { get; }
}

/// <summary>A variable, possibly followed by fields: <c>$x.a.b</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class VariableNode : Node
{
    internal VariableNode(int offset, string name, string[] fields)
        : base(offset)
    {
        Name = name;
        Fields = fields;
    }

    /// <summary>The variable, with its <c>$</c>.</summary>
    public string Name { get; }

    /// <summary>The fields after it.</summary>
    public string[] Fields { get; }
}

/// <summary>The cursor, <c>.</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class DotNode : Node
{
    internal DotNode(int offset)
        : base(offset)
    {
    }
}

/// <summary>The untyped nil constant.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class NilNode : Node
{
    internal NilNode(int offset)
        : base(offset)
    {
    }
}

/// <summary>Fields of the cursor: <c>.spec.image</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class FieldNode : Node
{
    internal FieldNode(int offset, string[] fields)
        : base(offset) => Fields = fields;

    /// <summary>The field names, in order.</summary>
    public string[] Fields { get; }
}

/// <summary>Fields of a parenthesised pipeline or other term: <c>(index .a 0).name</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class ChainNode : Node
{
    internal ChainNode(int offset, Node target, string[] fields)
        : base(offset)
    {
        Target = target;
        Fields = fields;
    }

    /// <summary>The term the fields apply to.</summary>
    public Node Target { get; }

    /// <summary>The field names, in order.</summary>
    public string[] Fields { get; }
}

/// <summary><c>true</c> or <c>false</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class BoolNode : Node
{
    internal BoolNode(int offset, bool value)
        : base(offset) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }
}

/// <summary>A numeric constant, with every representation Go's parser finds for it.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class NumberNode : Node
{
    internal NumberNode(int offset, string text)
        : base(offset) => Text = text;

    /// <summary>The constant as written.</summary>
    public string Text { get; }

    /// <summary>Whether the constant has an exact int64 value.</summary>
    public bool IsInt { get; internal set; }

    /// <summary>Whether the constant has an exact uint64 value.</summary>
    public bool IsUint { get; internal set; }

    /// <summary>Whether the constant has a float64 value.</summary>
    public bool IsFloat { get; internal set; }

    /// <summary>Whether the constant is a character constant (<c>'a'</c>).</summary>
    public bool IsChar { get; internal set; }

    /// <summary>Whether the constant is complex (<c>1i</c>, <c>1+2i</c>).</summary>
    public bool IsComplex { get; internal set; }

    /// <summary>The complex128 value.</summary>
    public System.Numerics.Complex Complex { get; internal set; }

    /// <summary>The int64 value.</summary>
    public long Int { get; internal set; }

    /// <summary>The uint64 value.</summary>
    public ulong Uint { get; internal set; }

    /// <summary>The float64 value.</summary>
    public double Float { get; internal set; }
}

/// <summary>A string constant (quoted or raw).</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class StringNode : Node
{
    internal StringNode(int offset, string quoted, string text)
        : base(offset)
    {
        Quoted = quoted;
        Text = text;
    }

    /// <summary>The constant as written.</summary>
    public string Quoted { get; }

    /// <summary>The string's value.</summary>
    public string Text { get; }
}

/// <summary>The kind of a control node.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
enum ControlKind
{
    /// <summary><c>if</c>.</summary>
    If,

    /// <summary><c>range</c>.</summary>
    Range,

    /// <summary><c>with</c>.</summary>
    With,
}

/// <summary><c>if</c>, <c>range</c> or <c>with</c>, with its body and optional <c>else</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class ControlNode : Node
{
    internal ControlNode(int offset, ControlKind kind, PipeNode pipe, ListNode list, ListNode? elseList)
        : base(offset)
    {
        Kind = kind;
        Pipe = pipe;
        List = list;
        ElseList = elseList;
    }

    /// <summary>Which control it is.</summary>
    public ControlKind Kind { get; }

    /// <summary>The pipeline tested or ranged over.</summary>
    public PipeNode Pipe { get; }

    /// <summary>The body.</summary>
    public ListNode List { get; }

    /// <summary>The <c>else</c> body, if any (an <c>else if</c> is an else body holding one control node).</summary>
    public ListNode? ElseList { get; }
}

/// <summary><c>{{template "name" pipeline}}</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TemplateNode : Node
{
    internal TemplateNode(int offset, string name, PipeNode? pipe)
        : base(offset)
    {
        Name = name;
        Pipe = pipe;
    }

    /// <summary>The name of the template invoked.</summary>
    public string Name { get; }

    /// <summary>The value passed as its dot, if any.</summary>
    public PipeNode? Pipe { get; }
}

/// <summary><c>{{break}}</c> or <c>{{continue}}</c>.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class LoopControlNode : Node
{
    internal LoopControlNode(int offset, bool isBreak)
        : base(offset) => IsBreak = isBreak;

    /// <summary>True for break, false for continue.</summary>
    public bool IsBreak { get; }
}
