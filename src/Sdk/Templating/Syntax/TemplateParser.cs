namespace Orkestra.Templating.Syntax;

/// <summary>A parsed template: its main body and the templates it defines (<c>define</c>, <c>block</c>).</summary>
/// <param name="Text">The template text.</param>
/// <param name="Root">The main body.</param>
/// <param name="Definitions">Named templates, by name.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record ParsedTemplate(string Text, ListNode Root, IReadOnlyDictionary<string, ListNode> Definitions);

/// <summary>
/// Parses templates with the grammar and the parse-time checks of Go's <c>text/template/parse</c>: unknown
/// functions, undefined variables, <c>break</c> outside <c>range</c>, misplaced <c>else</c>/<c>end</c>, non-executable
/// pipeline stages, malformed constants. Errors are <see cref="TemplateSyntaxException"/>s.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TemplateParser
{
    private readonly string _text;
    private readonly Func<string, bool> _isFunction;
    private readonly List<Token> _tokens;
    private readonly Dictionary<string, ListNode> _definitions = new(StringComparer.Ordinal);
    private List<string> _vars = new() { "$" };
    private int _pos;
    private int _rangeDepth;
    private int _nesting;

    /// <summary>The deepest nesting of parentheses and control blocks accepted.</summary>
    public const int MaxNesting = 500;

    private TemplateParser(string text, Func<string, bool> isFunction)
    {
        _text = text;
        _isFunction = isFunction;
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>
    /// Parses <paramref name="text"/>, the template named <paramref name="name"/>; <paramref name="isFunction"/> says
    /// which function names exist.
    /// </summary>
    public static ParsedTemplate Parse(string text, Func<string, bool> isFunction, string name = "")
    {
        var parser = new TemplateParser(text, isFunction);
        var root = parser.ParseRoot();

        // As in Go, a define of the template's own name replaces an empty body and clashes with a non-empty one.
        if (parser._definitions.TryGetValue(name, out var defined) && !IsEmpty(defined))
        {
            if (!IsEmpty(root))
            {
                throw new TemplateSyntaxException("template: multiple definition of template \"" + name + "\"", text, 0);
            }

            root = defined;
        }

        return new ParsedTemplate(text, root, parser._definitions);
    }

    private sealed class EndNode : Node
    {
        public EndNode(int offset)
            : base(offset)
        {
        }
    }

    private sealed class ElseNode : Node
    {
        public ElseNode(int offset)
            : base(offset)
        {
        }
    }

    private TemplateSyntaxException Error(string message, int offset) => new(message, _text, offset);

    // Bounds recursion, so that hostile input ("((((…") is an error instead of a stack overflow.
    private NestingScope Nest()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error("the template nests deeper than " + MaxNesting + " levels", _tokens[Math.Min(_pos, _tokens.Count - 1)].Offset);
        }

        return new NestingScope(this);
    }

    private readonly struct NestingScope : IDisposable
    {
        private readonly TemplateParser _parser;

        public NestingScope(TemplateParser parser) => _parser = parser;

        public void Dispose() => _parser._nesting--;
    }

    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private Token Peek() => _tokens[_pos];

    private void Backup() => _pos--;

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }

        return token;
    }

    private TemplateSyntaxException Unexpected(Token token, string context) => token.Kind switch
    {
        TokenKind.Eof => Error("unexpected EOF in " + context, token.Offset),
        TokenKind.RightDelim => Error("unexpected \"}}\" in " + context, token.Offset),
        _ => Error("unexpected " + Describe(token) + " in " + context, token.Offset),
    };

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Space => "space",
        TokenKind.Text => "text",
        _ => "\"" + token.Text + "\"",
    };

    private ListNode ParseRoot()
    {
        var root = new ListNode(0);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var delim = _pos;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }

                _pos = delim;
            }

            var node = TextOrAction();
            switch (node)
            {
                case EndNode:
                    throw Error("unexpected {{end}}", node.Offset);
                case ElseNode:
                    throw Error("unexpected {{else}}", node.Offset);
                case null:
                    break;
                default:
                    root.Nodes.Add(node);
                    break;
            }
        }

        return root;
    }

    private void ParseDefinition()
    {
        const string Context = "define clause";
        var nameToken = NextNonSpace();
        var name = TemplateName(nameToken, Context);
        Expect(TokenKind.RightDelim, Context);
        var saved = _vars;
        _vars = new List<string> { "$" };
        var (list, end) = ItemList();
        _vars = saved;
        if (end is not EndNode)
        {
            throw Error("unexpected {{else}} in " + Context, end.Offset);
        }

        Add(name, list, nameToken.Offset);
    }

    private void Add(string name, ListNode list, int offset)
    {
        if (_definitions.TryGetValue(name, out var existing) && !IsEmpty(existing) && !IsEmpty(list))
        {
            throw Error("template: multiple definition of template \"" + name + "\"", offset);
        }

        if (!_definitions.ContainsKey(name) || !IsEmpty(list))
        {
            _definitions[name] = list;
        }
    }

    private static bool IsEmpty(ListNode list) => list.Nodes.All(n => n is TextNode t && t.Text.Trim().Length == 0);

    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(Peek().Offset);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                return (list, node);
            }

            if (node is not null)
            {
                list.Nodes.Add(node);
            }
        }

        throw Error("unexpected EOF", _text.Length);
    }

    private Node? TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Offset, token.Text);
            case TokenKind.LeftDelim:
                return Action();
            case TokenKind.Comment:
                return null;
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl();
            case TokenKind.Break:
            case TokenKind.Continue:
                var name = token.Kind == TokenKind.Break ? "{{break}}" : "{{continue}}";
                var after = NextNonSpace();
                if (after.Kind != TokenKind.RightDelim)
                {
                    throw Unexpected(after, name);
                }

                if (_rangeDepth == 0)
                {
                    throw Error(name + " outside {{range}}", token.Offset);
                }

                return new LoopControlNode(token.Offset, token.Kind == TokenKind.Break);
            case TokenKind.Else:
                var peek = PeekNonSpace();
                if (peek.Kind is TokenKind.If or TokenKind.With)
                {
                    return new ElseNode(peek.Offset);
                }

                return new ElseNode(Expect(TokenKind.RightDelim, "else").Offset);
            case TokenKind.End:
                return new EndNode(Expect(TokenKind.RightDelim, "end").Offset);
            case TokenKind.If:
                return Control(ControlKind.If, "if", token.Offset);
            case TokenKind.Range:
                return Control(ControlKind.Range, "range", token.Offset);
            case TokenKind.With:
                return Control(ControlKind.With, "with", token.Offset);
            case TokenKind.Template:
                return TemplateControl();
        }

        Backup();
        return new ActionNode(token.Offset, Pipeline("command", TokenKind.RightDelim));
    }

    private ControlNode Control(ControlKind kind, string context, int offset)
    {
        using var nesting = Nest();
        var varCount = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == ControlKind.Range)
            {
                _rangeDepth++;
            }

            var (list, next) = ItemList();
            if (kind == ControlKind.Range)
            {
                _rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (kind == ControlKind.If && Peek().Kind == TokenKind.If)
                {
                    var ifToken = Next();
                    elseList = new ListNode(next.Offset);
                    elseList.Nodes.Add(Control(ControlKind.If, "if", ifToken.Offset));
                }
                else if (kind == ControlKind.With && Peek().Kind == TokenKind.With)
                {
                    var withToken = Next();
                    elseList = new ListNode(next.Offset);
                    elseList.Nodes.Add(Control(ControlKind.With, "with", withToken.Offset));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Error("expected end; found {{else}}", next.Offset);
                    }
                }
            }

            return new ControlNode(offset, kind, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varCount, _vars.Count - varCount);
        }
    }

    private TemplateNode TemplateControl()
    {
        const string Context = "template clause";
        var token = NextNonSpace();
        var name = TemplateName(token, Context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(Context, TokenKind.RightDelim);
        }

        return new TemplateNode(token.Offset, name, pipe);
    }

    private TemplateNode BlockControl()
    {
        const string Context = "block clause";
        var token = NextNonSpace();
        var name = TemplateName(token, Context);
        var pipe = Pipeline(Context, TokenKind.RightDelim);

        // The block's body is a template of its own: it sees only "$", and no enclosing range.
        var savedVars = _vars;
        var savedRange = _rangeDepth;
        _vars = new List<string> { "$" };
        _rangeDepth = 0;
        var (list, end) = ItemList();
        _vars = savedVars;
        _rangeDepth = savedRange;
        if (end is not EndNode)
        {
            throw Error("unexpected {{else}} in " + Context, end.Offset);
        }

        Add(name, list, token.Offset);
        return new TemplateNode(token.Offset, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString)
        {
            return Literals.Unquote(token.Text, _text, token.Offset);
        }

        throw Unexpected(token, context);
    }

    private PipeNode Pipeline(string context, TokenKind end)
    {
        using var nesting = Nest();
        var pipe = new PipeNode(PeekNonSpace().Offset);
        Declarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context, token.Offset);
                return pipe;
            }

            switch (token.Kind)
            {
                case TokenKind.Bool:
                case TokenKind.Char:
                case TokenKind.Dot:
                case TokenKind.Field:
                case TokenKind.Identifier:
                case TokenKind.Number:
                case TokenKind.Nil:
                case TokenKind.RawString:
                case TokenKind.String:
                case TokenKind.Variable:
                case TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace().Kind == TokenKind.Variable)
        {
            var start = _pos;
            var variable = NextNonSpace();
            var adjacent = Peek();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Offset, variable.Text, Array.Empty<string>()));
                _vars.Add(variable.Text);
                return;
            }

            if (next.Kind == TokenKind.Comma)
            {
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Offset, variable.Text, Array.Empty<string>()));
                _vars.Add(variable.Text);
                if (context == "range" && pipe.Declarations.Count < 2)
                {
                    var following = PeekNonSpace();
                    if (following.Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }

                    throw Error("range can only initialize variables", following.Offset);
                }

                throw Error("too many declarations in " + context, variable.Offset);
            }

            // "$x foo": $x is an operand, not a declaration.
            _pos = start;
            _ = adjacent;
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context, int offset)
    {
        if (pipe.Commands.Count == 0)
        {
            throw Error("missing value for " + context, offset);
        }

        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Arguments[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error("non executable command in pipeline stage " + (i + 1), pipe.Commands[i].Offset);
            }
        }
    }

    private CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Offset);
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                command.Arguments.Add(operand);
            }

            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Space:
                    continue;
                case TokenKind.RightDelim:
                case TokenKind.RightParen:
                    Backup();
                    break;
                case TokenKind.Pipe:
                    break;
                default:
                    throw Unexpected(token, "operand");
            }

            break;
        }

        if (command.Arguments.Count == 0)
        {
            throw Error("empty command", command.Offset);
        }

        return command;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }

        var fields = new List<string>();
        var offset = Peek().Offset;
        while (Peek().Kind == TokenKind.Field)
        {
            fields.Add(Next().Text.Substring(1));
        }

        switch (node)
        {
            case FieldNode field:
                return new FieldNode(field.Offset, field.Fields.Concat(fields).ToArray());
            case VariableNode variable:
                return new VariableNode(variable.Offset, variable.Name, variable.Fields.Concat(fields).ToArray());
            case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                throw Error("unexpected . after term", offset);
            default:
                return new ChainNode(node.Offset, node, fields.ToArray());
        }
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_isFunction(token.Text))
                {
                    throw Error("function \"" + token.Text + "\" not defined", token.Offset);
                }

                return new IdentifierNode(token.Offset, token.Text);
            case TokenKind.Dot:
                return new DotNode(token.Offset);
            case TokenKind.Nil:
                return new NilNode(token.Offset);
            case TokenKind.Variable:
                if (!_vars.Contains(token.Text))
                {
                    throw Error("undefined variable \"" + token.Text + "\"", token.Offset);
                }

                return new VariableNode(token.Offset, token.Text, Array.Empty<string>());
            case TokenKind.Field:
                return new FieldNode(token.Offset, new[] { token.Text.Substring(1) });
            case TokenKind.Bool:
                return new BoolNode(token.Offset, token.Text == "true");
            case TokenKind.Char:
            case TokenKind.Number:
                return Literals.Number(token.Text, token.Kind == TokenKind.Char, _text, token.Offset);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String:
            case TokenKind.RawString:
                return new StringNode(token.Offset, token.Text, Literals.Unquote(token.Text, _text, token.Offset));
        }

        Backup();
        return null;
    }
}
