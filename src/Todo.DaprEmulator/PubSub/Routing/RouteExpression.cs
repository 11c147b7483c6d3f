using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Todo.DaprEmulator.PubSub.Routing;

/// <summary>
/// The subset of CEL that routing rules in this project use, over the variable <c>event</c> (the CloudEvent):
/// field paths (<c>event.type</c>, <c>event.data.kind</c>), string/number/bool/null literals, <c>==</c>, <c>!=</c>,
/// <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses. As in CEL, a missing field is an error, <c>&amp;&amp;</c>/<c>||</c>
/// absorb an error when the other side decides the result, and values of different types are simply not equal.
/// Anything else (functions, <c>in</c>, indexing, arithmetic) is rejected by <see cref="Parse"/>.
/// </summary>
internal abstract class RouteExpression
{
    public string Text { get; private set; } = "";

    /// <summary>Parses a match expression; throws <see cref="FormatException"/> naming the problem.</summary>
    public static RouteExpression Parse(string text)
    {
        var parser = new Parser(Tokenize(text));
        var expression = parser.ParseOr();
        parser.ExpectEnd();
        expression.Text = text;
        return expression;
    }

    /// <summary>True or false, or an error (CEL evaluation error) with its message.</summary>
    public (bool Matched, string? Error) Evaluate(JsonElement cloudEvent) => Eval(cloudEvent) switch
    {
        bool b => (b, null),
        EvalError e => (false, e.Message),
        var other => (false, $"no matching overload: the expression yields {Describe(other)}, not a bool"),
    };

    protected abstract object? Eval(JsonElement cloudEvent);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string => "a string",
        double => "a number",
        _ => "an object",
    };

    private sealed record EvalError(string Message);

    private sealed class Literal(object? value) : RouteExpression
    {
        protected override object? Eval(JsonElement cloudEvent) => value;
    }

    private sealed class Field(IReadOnlyList<string> path) : RouteExpression
    {
        protected override object? Eval(JsonElement cloudEvent)
        {
            var current = cloudEvent;
            foreach (var name in path)
            {
                if (current.ValueKind != JsonValueKind.Object)
                {
                    return new EvalError($"no such key: {name}");
                }

                if (!current.TryGetProperty(name, out current))
                {
                    return new EvalError($"no such key: {name}");
                }
            }

            return current.ValueKind switch
            {
                JsonValueKind.String => current.GetString(),
                JsonValueKind.Number => current.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => current,
            };
        }
    }

    private sealed class Not(RouteExpression operand) : RouteExpression
    {
        protected override object? Eval(JsonElement cloudEvent) => operand.Eval(cloudEvent) switch
        {
            bool b => !b,
            EvalError e => e,
            _ => new EvalError("no matching overload for '!'"),
        };
    }

    private sealed class Equality(RouteExpression left, RouteExpression right, bool negate) : RouteExpression
    {
        protected override object? Eval(JsonElement cloudEvent)
        {
            var l = left.Eval(cloudEvent);
            if (l is EvalError)
            {
                return l;
            }

            var r = right.Eval(cloudEvent);
            if (r is EvalError)
            {
                return r;
            }

            var equal = (l, r) switch
            {
                (null, null) => true,
                (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
                (double a, double b) => a.Equals(b),
                (bool a, bool b) => a == b,
                (JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b),
                _ => false,
            };
            return equal != negate;
        }
    }

    private sealed class Logical(RouteExpression left, RouteExpression right, bool isAnd) : RouteExpression
    {
        protected override object? Eval(JsonElement cloudEvent)
        {
            var l = AsBool(left.Eval(cloudEvent), isAnd ? "&&" : "||");
            var r = AsBool(right.Eval(cloudEvent), isAnd ? "&&" : "||");
            // The deciding value wins over an error on the other side (CEL's commutative short-circuit).
            var decisive = !isAnd;
            if (l is bool lb && lb == decisive || r is bool rb && rb == decisive)
            {
                return decisive;
            }

            return l is EvalError ? l : r is EvalError ? r : !decisive;
        }

        private static object AsBool(object? value, string op) =>
            value is bool or EvalError ? value : new EvalError($"no matching overload for '{op}'");
    }

    private enum TokenKind { Identifier, String, Number, Symbol, End }

    private sealed record Token(TokenKind Kind, string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsDigit(c) || c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '"' or '\'')
            {
                var start = i++;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"unterminated string starting at {start}");
                    }

                    var ch = text[i++];
                    if (ch == c)
                    {
                        break;
                    }

                    if (ch == '\\' && i < text.Length)
                    {
                        var escaped = text[i++];
                        value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    }
                    else
                    {
                        value.Append(ch);
                    }
                }

                tokens.Add(new Token(TokenKind.String, value.ToString(), start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=" or "&&" or "||")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two, i));
                    i += 2;
                }
                else if (c is '(' or ')' or '!' or '.')
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i));
                    i++;
                }
                else
                {
                    throw new FormatException($"unsupported character '{c}' at {i}");
                }
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _position;

        private Token Current => tokens[_position];

        public void ExpectEnd()
        {
            if (Current.Kind != TokenKind.End)
            {
                throw Unexpected();
            }
        }

        public RouteExpression ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                left = new Logical(left, ParseAnd(), isAnd: false);
            }

            return left;
        }

        private RouteExpression ParseAnd()
        {
            var left = ParseUnary();
            while (Accept("&&"))
            {
                left = new Logical(left, ParseUnary(), isAnd: true);
            }

            return left;
        }

        private RouteExpression ParseUnary()
        {
            if (Accept("!"))
            {
                return new Not(ParseUnary());
            }

            var left = ParsePrimary();
            if (Accept("=="))
            {
                return new Equality(left, ParsePrimary(), negate: false);
            }

            if (Accept("!="))
            {
                return new Equality(left, ParsePrimary(), negate: true);
            }

            return left;
        }

        private RouteExpression ParsePrimary()
        {
            var token = Current;
            if (Accept("("))
            {
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw Unexpected("')'");
                }

                return inner;
            }

            _position++;
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new Literal(token.Text);
                case TokenKind.Number:
                    return double.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                        ? new Literal(number)
                        : throw new FormatException($"invalid number '{token.Text}' at {token.Position}");
                case TokenKind.Identifier when token.Text is "true" or "false":
                    return new Literal(token.Text == "true");
                case TokenKind.Identifier when token.Text == "null":
                    return new Literal(null);
                case TokenKind.Identifier when token.Text == "event":
                    var path = new List<string>();
                    while (Accept("."))
                    {
                        if (Current.Kind != TokenKind.Identifier)
                        {
                            throw Unexpected("a field name");
                        }

                        path.Add(Current.Text);
                        _position++;
                    }

                    if (Current.Text == "(")
                    {
                        throw new FormatException($"function calls are not supported (at {Current.Position})");
                    }

                    return new Field(path);
                case TokenKind.Identifier:
                    throw new FormatException($"undeclared reference to '{token.Text}' (at {token.Position}); only 'event' is defined");
                default:
                    _position--;
                    throw Unexpected();
            }
        }

        private bool Accept(string symbol)
        {
            if (Current.Kind == TokenKind.Symbol && Current.Text == symbol)
            {
                _position++;
                return true;
            }

            return false;
        }

        private FormatException Unexpected(string? expected = null) =>
            new(Current.Kind == TokenKind.End
                ? $"unexpected end of expression{(expected is null ? "" : $", expected {expected}")}"
                : $"unexpected '{Current.Text}' at {Current.Position}{(expected is null ? "" : $", expected {expected}")}");
    }
}
