namespace Orkestra.Templating.Syntax;

/// <summary>The kinds of token of Go's template lexer.</summary>
internal enum TokenKind
{
    Error,
    Eof,
    Text,
    LeftDelim,
    RightDelim,
    Comment,
    Space,
    Identifier,
    Field,
    Variable,
    Dot,
    Nil,
    Bool,
    Number,
    String,
    RawString,
    Char,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,

    // Keywords.
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Range,
    Template,
    With,
}

/// <summary>One token: its kind, its text and where it starts.</summary>
internal readonly struct Token
{
    public Token(TokenKind kind, int offset, string text)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
    }

    public TokenKind Kind { get; }

    public int Offset { get; }

    public string Text { get; }

    public override string ToString() => Kind + " '" + Text + "'";
}
