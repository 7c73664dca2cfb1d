using Orkestra.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orkestra.Katalogs.Yaml;

/// <summary>The documents of one YAML file and what went wrong reading them.</summary>
/// <param name="Documents">The root node of each document that was read completely, in file order.</param>
/// <param name="Diagnostics">Problems found while reading.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record YamlFile(IReadOnlyList<YamlNode> Documents, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/> trees through YamlDotNet's parser events, keeping every node's
/// location. No reflection: safe to trim and to compile ahead of time. Hostile input is bounded: nesting depth and
/// the size aliases expand to are limited, aliases share nodes instead of copying them, and every problem becomes a
/// located diagnostic instead of an exception.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class YamlReader
{
    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 200;

    /// <summary>The most nodes a document may expand to through aliases.</summary>
    public const long MaxExpandedNodes = 5_000_000;

    /// <summary>Reads every document of <paramref name="text"/>, which came from <paramref name="path"/>.</summary>
    public static YamlFile Read(string path, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var documents = new List<YamlNode>();

        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotText, At(path, text, nul), "it contains NUL bytes"));
            return new YamlFile(documents, diagnostics);
        }

        var bad = text.IndexOf('\uFFFD');
        if (bad >= 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotText, At(path, text, bad), "it has bytes that are not valid UTF-8"));
            return new YamlFile(documents, diagnostics);
        }

        var builder = new Builder(path, diagnostics);
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
                if (!builder.Accept(parser.Current!))
                {
                    break;
                }

                if (builder.CompletedDocument is { } root)
                {
                    documents.Add(root);
                    builder.CompletedDocument = null;
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Add(SyntaxError(path, text, ex, builder));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet fails this way on some malformed input (a flow collection left open that runs into the next
            // block key): locate the problem from what was read last, not at the top of the file.
            diagnostics.Add(builder.Unreadable(ex));
        }

        return new YamlFile(documents, diagnostics);
    }

    private static Diagnostic SyntaxError(string path, string text, YamlException ex, Builder builder)
    {
        var start = ex.Start;
        var end = ex.End;
        if (start.Index == 0 && start.Line <= 1 && start.Column <= 1 && builder.LastRead is { } last)
        {
            // Some scanner errors (a tab used as indentation) carry no position: the problem is after what was read last.
            start = last;
            end = last;
        }

        var line = (int)Math.Max(1, start.Line);
        var tab = FindTabIndentation(text, line, searchForward: ex.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0);
        if (tab is { } tabLocation)
        {
            return Diagnostic.Create(DiagnosticCatalog.TabIndentation, new SourceLocation(path, tabLocation.Line, tabLocation.Column, tabLocation.Line, tabLocation.Column + 1));
        }

        var message = ex.InnerException is { } inner && inner.Message.Length > 0 ? inner.Message : ex.Message;
        var location = new SourceLocation(
            path,
            line,
            (int)Math.Max(1, start.Column),
            (int)Math.Max(line, end.Line),
            (int)Math.Max(1, end.Column));
        return Diagnostic.Create(DiagnosticCatalog.YamlSyntax, location, Clean(message, builder.OpenFlow));
    }

    // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is reported separately.
    // The usual causes of its commonest messages are named, so the message says what to change.
    private static string Clean(string message, YamlNode? openFlow)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        var text = (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message.Substring(marker + 3) : message).TrimEnd('.');
        if (openFlow is not null && text.IndexOf("did not find expected ','", StringComparison.Ordinal) >= 0)
        {
            var (open, close) = openFlow is YamlSequence ? ("[", "]") : ("{", "}");
            return text + $"; check that the '{open}' at line {openFlow.Location.Line}, column {openFlow.Location.Column} is closed with '{close}' and that its items are separated by ','";
        }

        if (text.IndexOf("did not find expected key", StringComparison.Ordinal) >= 0)
        {
            return text + "; check that this line is indented like the keys above it and that each key ends with ':'";
        }

        if (text.IndexOf("quoted scalar", StringComparison.Ordinal) >= 0)
        {
            return text + "; check that the quote that starts here has its closing quote";
        }

        if (text.IndexOf("mapping values are not allowed", StringComparison.Ordinal) >= 0 || text.IndexOf("found invalid mapping", StringComparison.Ordinal) >= 0)
        {
            return text + "; a value that contains ': ' must be quoted, or the line is indented wrongly";
        }

        return text + "; fix the YAML syntax at this position";
    }

    // A tab in the indentation of the failing line (or the line before it) is the usual cause of a scanner error;
    // when the error is about a tab, the first tab-indented line from the line before the failure on is it.
    private static (int Line, int Column)? FindTabIndentation(string text, int failingLine, bool searchForward)
    {
        var lines = text.Split('\n');
        var first = searchForward ? Math.Max(1, failingLine - 1) : failingLine;
        var last = searchForward ? lines.Length : Math.Max(1, failingLine - 1);
        var step = searchForward ? 1 : -1;
        for (var l = first; searchForward ? l <= last : l >= last; l += step)
        {
            if (l > lines.Length)
            {
                continue;
            }

            var content = lines[l - 1];
            for (var c = 0; c < content.Length; c++)
            {
                if (content[c] == '\t')
                {
                    return (l, c + 1);
                }

                if (content[c] != ' ')
                {
                    break;
                }
            }
        }

        return null;
    }

    private static SourceLocation At(string path, string text, int index)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new SourceLocation(path, line, column, line, column + 1);
    }

    private sealed class Frame
    {
        public Frame(YamlNode node, string? anchor, bool isFlow)
        {
            Node = node;
            Anchor = anchor;
            IsFlow = isFlow;
        }

        public YamlNode Node { get; }

        /// <summary>Whether the collection is written in flow style (<c>[...]</c> or <c>{...}</c>).</summary>
        public bool IsFlow { get; }

        public string? Anchor { get; }

        public YamlScalar? PendingKey { get; set; }

        public List<YamlMapping>? Merges { get; set; }
    }

    private sealed class Builder
    {
        private readonly string _path;
        private readonly List<Diagnostic> _diagnostics;
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);

        public Builder(string path, List<Diagnostic> diagnostics)
        {
            _path = path;
            _diagnostics = diagnostics;
        }

        public YamlNode? CompletedDocument { get; set; }

        /// <summary>The end of the last event read, or null before the first.</summary>
        public Mark? LastRead { get; private set; }

        // Returns false when reading must stop.
        public bool Accept(ParsingEvent ev)
        {
            LastRead = ev.End;
            switch (ev)
            {
                case DocumentStart:
                    _anchors.Clear();
                    _openAnchors.Clear();
                    _stack.Clear();
                    return true;
                case Scalar scalar:
                    return Attach(ToScalar(scalar), Anchor(scalar.Anchor));
                case AnchorAlias alias:
                    return AttachAlias(alias);
                case MappingStart mapping:
                    return Open(new YamlMapping(Location(mapping.Start, mapping.End)), Anchor(mapping.Anchor), mapping.Style == MappingStyle.Flow);
                case SequenceStart sequence:
                    return Open(new YamlSequence(Location(sequence.Start, sequence.End)), Anchor(sequence.Anchor), sequence.Style == SequenceStyle.Flow);
                case MappingEnd:
                case SequenceEnd:
                    var frame = _stack.Pop();
                    if (frame.Anchor is { } anchorName)
                    {
                        _openAnchors.Remove(anchorName);
                    }

                    if (frame.Merges is { } merges && frame.Node is YamlMapping target)
                    {
                        ApplyMerges(target, merges);
                    }

                    return Attach(frame.Node, frame.Anchor);
                default:
                    return true;
            }
        }

        private static string? Anchor(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

        /// <summary>The innermost flow collection (<c>[...]</c> or <c>{...}</c>) being read, or null.</summary>
        public YamlNode? OpenFlow => _stack.FirstOrDefault(frame => frame.IsFlow)?.Node;

        // The scanner failed with something other than a syntax error: name the flow collection left open, if any,
        // else the point after which the text could not be read.
        public Diagnostic Unreadable(Exception ex)
        {
            if (OpenFlow is { } flow)
            {
                var after = LastRead is { } last ? (int)last.Line : flow.Location.Line;
                var (what, open, close) = flow is YamlSequence ? ("sequence", "[", "]") : ("mapping", "{", "}");
                return Diagnostic.Create(
                    DiagnosticCatalog.YamlSyntax,
                    flow.Location,
                    $"the flow {what} that starts here with '{open}' is not closed before the YAML becomes unreadable after line {after}; close it with '{close}'");
            }

            var at = LastRead is { } mark ? Location(mark, mark) : SourceLocation.File(_path);
            return Diagnostic.Create(DiagnosticCatalog.YamlSyntax, at, "the YAML cannot be read after this point (" + ex.Message.TrimEnd('.') + "); fix the YAML syntax here");
        }

        private bool Open(YamlNode node, string? anchor, bool isFlow)
        {
            if (_stack.Count >= MaxDepth)
            {
                Report(DiagnosticCatalog.LimitExceeded, node.Location, $"the document nests deeper than {MaxDepth} levels; flatten it");
                return false;
            }

            if (anchor is not null)
            {
                _openAnchors.Add(anchor);
            }

            _stack.Push(new Frame(node, anchor, isFlow));
            return true;
        }

        private bool AttachAlias(AnchorAlias alias)
        {
            var location = Location(alias.Start, alias.End);
            var name = alias.Value.Value;
            if (_openAnchors.Contains(name))
            {
                Report(DiagnosticCatalog.LimitExceeded, location, $"alias '*{name}' refers to a node that contains it; recursive aliases are not allowed");
                return false;
            }

            if (!_anchors.TryGetValue(name, out var target))
            {
                Report(DiagnosticCatalog.UnknownAnchor, location, name);
                return false;
            }

            return Attach(target, null, location);
        }

        // at: where the node is written, when that is not where it was defined (an alias).
        private bool Attach(YamlNode node, string? anchor, SourceLocation? at = null)
        {
            if (anchor is not null)
            {
                _anchors[anchor] = node;
            }

            if (_stack.Count == 0)
            {
                CompletedDocument = node;
                return true;
            }

            var parent = _stack.Peek();
            switch (parent.Node)
            {
                case YamlSequence sequence:
                    sequence.Add(node);
                    break;
                case YamlMapping mapping when parent.PendingKey is null:
                    if (node is not YamlScalar key)
                    {
                        Report(DiagnosticCatalog.YamlSyntax, node.Location, "a mapping key must be a plain value, not " + node.Describe() + "; fix the YAML syntax at this position");
                        return false;
                    }

                    parent.PendingKey = key;
                    return true;
                case YamlMapping mapping:
                    var pendingKey = parent.PendingKey!;
                    parent.PendingKey = null;
                    if (pendingKey.Value == "<<" && pendingKey.Kind == ScalarKind.String && IsMergeSource(node))
                    {
                        parent.Merges ??= new List<YamlMapping>();
                        if (node is YamlMapping single)
                        {
                            parent.Merges.Add(single);
                        }
                        else
                        {
                            foreach (var item in ((YamlSequence)node).Items)
                            {
                                parent.Merges.Add((YamlMapping)item);
                            }
                        }

                        return true;
                    }

                    if (mapping.Add(new YamlEntry(pendingKey, node)) is { } existing)
                    {
                        Report(DiagnosticCatalog.DuplicateKey, pendingKey.Location, pendingKey.Value, existing.Key.Location.Line);
                    }

                    break;
            }

            if (parent.Node.Weight > MaxExpandedNodes)
            {
                Report(
                    DiagnosticCatalog.LimitExceeded,
                    at ?? node.Location,
                    "aliases expand this document to more than " + MaxExpandedNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " nodes (an alias bomb?); write the values out or use fewer aliases");
                return false;
            }

            return true;
        }

        private static bool IsMergeSource(YamlNode node)
        {
            if (node is YamlMapping)
            {
                return true;
            }

            if (node is YamlSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    if (item is not YamlMapping)
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static void ApplyMerges(YamlMapping target, List<YamlMapping> merges)
        {
            foreach (var source in merges)
            {
                foreach (var entry in source.Entries)
                {
                    if (!target.Contains(entry.Name))
                    {
                        target.Add(entry);
                    }
                }
            }
        }

        private YamlScalar ToScalar(Scalar scalar)
        {
            var location = Location(scalar.Start, scalar.End);
            ScalarKind kind;
            if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
            {
                kind = scalar.Tag.Value switch
                {
                    "tag:yaml.org,2002:null" => ScalarKind.Null,
                    "tag:yaml.org,2002:bool" => ScalarKind.Bool,
                    "tag:yaml.org,2002:int" => ScalarKind.Int,
                    "tag:yaml.org,2002:float" => ScalarKind.Float,
                    _ => ScalarKind.String,
                };
            }
            else if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                kind = ScalarResolver.Resolve(scalar.Value);
            }
            else
            {
                kind = ScalarKind.String;
            }

            var style = scalar.Style switch
            {
                YamlDotNet.Core.ScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
                YamlDotNet.Core.ScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
                YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded => ScalarStyle.Block,
                _ => ScalarStyle.Plain,
            };
            return new YamlScalar(location, scalar.Value, kind, style);
        }

        private SourceLocation Location(Mark start, Mark end) =>
            new(_path, (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

        private void Report(DiagnosticRule rule, SourceLocation location, params object?[] args) =>
            _diagnostics.Add(Diagnostic.Create(rule, location, args));
    }
}
