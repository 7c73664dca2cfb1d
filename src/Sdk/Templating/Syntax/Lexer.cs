namespace Orkestra.Templating.Syntax;

/// <summary>
/// Splits a template into tokens with the rules of Go's <c>text/template</c> lexer: text and actions between
/// <c>{{</c> and <c>}}</c>, trim markers (<c>{{- </c>, <c> -}}</c>), comments, and the tokens of the action language.
/// Errors are <see cref="TemplateSyntaxException"/>s located at the offending character.
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";

    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    private readonly string _input;
    private readonly List<Token> _tokens = new();
    private int _pos;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    /// <summary>Every token of <paramref name="input"/>, ending with <see cref="TokenKind.Eof"/>.</summary>
    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private TemplateSyntaxException Error(string message, int offset) => new(message, _input, offset);

    private void Emit(TokenKind kind, int start) => _tokens.Add(new Token(kind, start, _input.Substring(start, _pos - start)));

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private char Peek(int ahead = 0) => _pos + ahead < _input.Length ? _input[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _input.Length;

    private bool StartsWith(string s, int at) => string.CompareOrdinal(_input, at, s, 0, s.Length) == 0 && at + s.Length <= _input.Length;

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    // At a right delimiter, optionally preceded by a trim marker.
    private bool AtRightDelim(out bool trim)
    {
        trim = HasRightTrimMarker(_pos) && StartsWith(RightDelim, _pos + 2);
        return trim || StartsWith(RightDelim, _pos);
    }

    private void Run()
    {
        while (!AtEnd)
        {
            LexText();
        }

        _tokens.Add(new Token(TokenKind.Eof, _input.Length, string.Empty));
    }

    private void LexText()
    {
        var start = _pos;
        var next = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (next < 0)
        {
            _pos = _input.Length;
            if (_pos > start)
            {
                Emit(TokenKind.Text, start);
            }

            return;
        }

        var trimLeft = HasLeftTrimMarker(next + LeftDelim.Length);
        var textEnd = next;
        if (trimLeft)
        {
            while (textEnd > start && IsSpace(_input[textEnd - 1]))
            {
                textEnd--;
            }
        }

        if (textEnd > start)
        {
            _tokens.Add(new Token(TokenKind.Text, start, _input.Substring(start, textEnd - start)));
        }

        _pos = next;
        LexLeftDelim(trimLeft);
    }

    private void LexLeftDelim(bool trim)
    {
        var delimStart = _pos;
        _pos += LeftDelim.Length;
        var afterMarker = trim ? 2 : 0;
        if (StartsWith("/*", _pos + afterMarker))
        {
            _pos += afterMarker;
            LexComment(delimStart);
            return;
        }

        _tokens.Add(new Token(TokenKind.LeftDelim, delimStart, LeftDelim));
        _pos += afterMarker;
        _parenDepth = 0;
        LexInsideAction();
    }

    private void LexComment(int delimStart)
    {
        var start = _pos;
        var end = _input.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("unclosed comment", start);
        }

        _pos = end + 2;
        if (!AtRightDelim(out var trim))
        {
            throw Error("comment ends before closing delimiter", _pos);
        }

        _tokens.Add(new Token(TokenKind.Comment, delimStart, _input.Substring(start, _pos - start)));
        _pos += (trim ? 2 : 0) + RightDelim.Length;
        if (trim)
        {
            SkipLeadingSpace();
        }
    }

    private void SkipLeadingSpace()
    {
        while (!AtEnd && IsSpace(_input[_pos]))
        {
            _pos++;
        }
    }

    private void LexInsideAction()
    {
        while (true)
        {
            if (AtRightDelim(out var trim))
            {
                if (_parenDepth != 0)
                {
                    throw Error("unclosed left paren", _pos);
                }

                var start = _pos;
                if (trim)
                {
                    _pos += 2;
                }

                _tokens.Add(new Token(TokenKind.RightDelim, start, RightDelim));
                _pos += RightDelim.Length;
                if (trim)
                {
                    SkipLeadingSpace();
                }

                return;
            }

            if (AtEnd)
            {
                throw Error("unclosed action", _pos);
            }

            var begin = _pos;
            var c = _input[_pos++];
            switch (c)
            {
                case var _ when IsSpace(c):
                    _pos--;
                    LexSpace();
                    break;
                case '=':
                    Emit(TokenKind.Assign, begin);
                    break;
                case ':':
                    if (Peek() != '=')
                    {
                        throw Error("expected :=", begin);
                    }

                    _pos++;
                    Emit(TokenKind.Declare, begin);
                    break;
                case '|':
                    Emit(TokenKind.Pipe, begin);
                    break;
                case '"':
                    LexQuote(begin);
                    break;
                case '`':
                    LexRawQuote(begin);
                    break;
                case '$':
                    LexFieldOrVariable(begin, TokenKind.Variable);
                    break;
                case '\'':
                    LexChar(begin);
                    break;
                case '.' when !AtEnd && !(Peek() >= '0' && Peek() <= '9'):
                    LexFieldOrVariable(begin, TokenKind.Field);
                    break;
                case '.':
                case '+':
                case '-':
                case var _ when c >= '0' && c <= '9':
                    _pos--;
                    LexNumber();
                    break;
                case var _ when IsAlphaNumeric(c):
                    _pos--;
                    LexIdentifier();
                    break;
                case '(':
                    Emit(TokenKind.LeftParen, begin);
                    _parenDepth++;
                    break;
                case ')':
                    Emit(TokenKind.RightParen, begin);
                    _parenDepth--;
                    if (_parenDepth < 0)
                    {
                        throw Error("unexpected right paren", begin);
                    }

                    break;
                case ',':
                    Emit(TokenKind.Comma, begin);
                    break;
                case var _ when c < 0x7F && c >= 0x20:
                    throw Error("unexpected \"" + c + "\" in command", begin);
                default:
                    throw Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, "unrecognized character in action: U+{0:X4}", (int)c), begin);
            }
        }
    }

    private void LexSpace()
    {
        var start = _pos;
        var count = 0;
        while (!AtEnd && IsSpace(_input[_pos]))
        {
            _pos++;
            count++;
        }

        // A space followed by "-}}" belongs to the trim marker.
        if (HasRightTrimMarker(_pos - 1) && StartsWith(RightDelim, _pos + 1))
        {
            _pos--;
            if (count == 1)
            {
                return;
            }
        }

        Emit(TokenKind.Space, start);
    }

    private bool AtTerminator()
    {
        if (AtEnd)
        {
            return true;
        }

        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' or '}';
    }

    private void LexIdentifier()
    {
        var start = _pos;
        while (!AtEnd && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        if (!AtTerminator())
        {
            throw Error("bad character " + Describe(_input[_pos]), _pos);
        }

        var word = _input.Substring(start, _pos - start);
        if (Keywords.TryGetValue(word, out var keyword))
        {
            Emit(keyword, start);
        }
        else if (word is "true" or "false")
        {
            Emit(TokenKind.Bool, start);
        }
        else
        {
            Emit(TokenKind.Identifier, start);
        }
    }

    private void LexFieldOrVariable(int start, TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot, start);
            return;
        }

        while (!AtEnd && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        if (!AtTerminator())
        {
            throw Error("bad character " + Describe(_input[_pos]), _pos);
        }

        Emit(kind, start);
    }

    private void LexChar(int start)
    {
        while (true)
        {
            if (AtEnd || _input[_pos] == '\n')
            {
                throw Error("unterminated character constant", start);
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (AtEnd || _input[_pos] == '\n')
                {
                    throw Error("unterminated character constant", start);
                }

                _pos++;
            }
            else if (c == '\'')
            {
                break;
            }
        }

        Emit(TokenKind.Char, start);
    }

    private void LexQuote(int start)
    {
        while (true)
        {
            if (AtEnd || _input[_pos] == '\n')
            {
                throw Error("unterminated quoted string", start);
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (AtEnd || _input[_pos] == '\n')
                {
                    throw Error("unterminated quoted string", start);
                }

                _pos++;
            }
            else if (c == '"')
            {
                break;
            }
        }

        Emit(TokenKind.String, start);
    }

    private void LexRawQuote(int start)
    {
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
        {
            throw Error("unterminated raw quoted string", start);
        }

        _pos = end + 1;
        Emit(TokenKind.RawString, start);
    }

    private void LexNumber()
    {
        var start = _pos;
        if (!ScanNumber())
        {
            throw Error("bad number syntax: \"" + _input.Substring(start, _pos - start) + "\"", start);
        }

        if (Peek() is '+' or '-')
        {
            // A complex constant: 1+2i. No spaces, and it must end in 'i'.
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                throw Error("bad number syntax: \"" + _input.Substring(start, _pos - start) + "\"", start);
            }
        }

        Emit(TokenKind.Number, start);
    }

    private bool Accept(string valid)
    {
        if (!AtEnd && valid.IndexOf(_input[_pos]) >= 0)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (!AtEnd && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
            return false;
        }

        return true;
    }

    private static string Describe(char c) => string.Format(System.Globalization.CultureInfo.InvariantCulture, "U+{0:X4} '{1}'", (int)c, c);
}
