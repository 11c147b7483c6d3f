using System.Globalization;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// A circuit breaker's <c>trip</c>: daprd compiles it as CEL (dapr/dapr pkg/expr) over the integer counts
/// <c>requests</c>, <c>totalSuccesses</c>, <c>totalFailures</c>, <c>consecutiveSuccesses</c>, <c>consecutiveFailures</c>.
/// This is the part of CEL such expressions use: integer literals, those names, <c>+ - * / %</c>, comparisons,
/// <c>! &amp;&amp; ||</c> and parentheses. Anything else is rejected when the resource loads (daprd rejects what does
/// not compile). As pkg/expr does, any other name compiles (it is declared on the fly as a dynamic variable) but has no
/// value at evaluation. An evaluation error (unknown name, division by zero, wrong types) or a non-boolean result does
/// not trip (breaker.go).
/// </summary>
internal sealed class TripExpression
{
    private readonly Node _root;

    private TripExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    public static TripExpression Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.Or();
        parser.End();
        return new TripExpression(text, root);
    }

    public bool Evaluate(IReadOnlyDictionary<string, long> counts)
    {
        try
        {
            return _root.Eval(counts) is bool result && result;
        }
        catch (Exception ex) when (ex is DivideByZeroException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }

    private abstract record Node
    {
        public abstract object Eval(IReadOnlyDictionary<string, long> vars);
    }

    private sealed record Literal(object Value) : Node
    {
        public override object Eval(IReadOnlyDictionary<string, long> vars) => Value;
    }

    private sealed record Variable(string Name) : Node
    {
        public override object Eval(IReadOnlyDictionary<string, long> vars) => vars.TryGetValue(Name, out var value) ? value : Fail();
    }

    private sealed record Not(Node Operand) : Node
    {
        public override object Eval(IReadOnlyDictionary<string, long> vars) => Operand.Eval(vars) is bool b ? !b : Fail();
    }

    private sealed record Negate(Node Operand) : Node
    {
        public override object Eval(IReadOnlyDictionary<string, long> vars) => Operand.Eval(vars) is long n ? -n : Fail();
    }

    private sealed record Binary(string Op, Node Left, Node Right) : Node
    {
        public override object Eval(IReadOnlyDictionary<string, long> vars)
        {
            if (Op is "&&" or "||")
            {
                var left = Left.Eval(vars) as bool? ?? (bool)Fail();
                return Op == "&&" ? left && (Right.Eval(vars) as bool? ?? (bool)Fail()) : left || (Right.Eval(vars) as bool? ?? (bool)Fail());
            }

            var l = Left.Eval(vars);
            var r = Right.Eval(vars);
            if (Op is "==" or "!=")
            {
                return Op == "==" ? l.Equals(r) : !l.Equals(r);
            }

            if (l is not long a || r is not long b)
            {
                return Fail();
            }

            return Op switch
            {
                "+" => checked(a + b), // CEL: integer overflow is an error
                "-" => checked(a - b),
                "*" => checked(a * b),
                "/" => a / b,
                "%" => a % b,
                "<" => a < b,
                "<=" => a <= b,
                ">" => a > b,
                ">=" => a >= b,
                _ => Fail(),
            };
        }
    }

    // An evaluation error (CEL's "no such overload", "no such attribute"), which the breaker treats as "do not trip".
    private static object Fail() => throw new InvalidOperationException("evaluation error");

    private sealed class Parser(string text)
    {
        private int _at;

        public void End()
        {
            SkipSpace();
            if (_at < text.Length)
            {
                throw Error($"unexpected '{text[_at..]}'");
            }
        }

        public Node Or()
        {
            var left = And();
            while (Accept("||"))
            {
                left = new Binary("||", left, And());
            }

            return left;
        }

        private Node And()
        {
            var left = Comparison();
            while (Accept("&&"))
            {
                left = new Binary("&&", left, Comparison());
            }

            return left;
        }

        private Node Comparison()
        {
            var left = Sum();
            foreach (var op in new[] { "<=", ">=", "==", "!=", "<", ">" })
            {
                if (Accept(op))
                {
                    return new Binary(op, left, Sum());
                }
            }

            return left;
        }

        private Node Sum()
        {
            var left = Product();
            while (true)
            {
                if (Accept("+"))
                {
                    left = new Binary("+", left, Product());
                }
                else if (Accept("-"))
                {
                    left = new Binary("-", left, Product());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node Product()
        {
            var left = Unary();
            while (true)
            {
                var op = Accept("*") ? "*" : Accept("/") ? "/" : Accept("%") ? "%" : null;
                if (op is null)
                {
                    return left;
                }

                left = new Binary(op, left, Unary());
            }
        }

        private Node Unary()
        {
            if (Accept("!"))
            {
                return new Not(Unary());
            }

            return Accept("-") ? new Negate(Unary()) : Primary();
        }

        private Node Primary()
        {
            SkipSpace();
            if (Accept("("))
            {
                var inner = Or();
                return Accept(")") ? inner : throw Error("missing ')'");
            }

            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            var token = text[start.._at];
            if (token.Length == 0)
            {
                throw Error(_at < text.Length ? $"unexpected '{text[_at]}'" : "unexpected end of expression");
            }

            if (char.IsDigit(token[0]))
            {
                return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new Literal(n) : throw Error($"bad number '{token}'");
            }

            return token switch
            {
                "true" => new Literal(true),
                "false" => new Literal(false),
                _ when char.IsLetter(token[0]) || token[0] == '_' => new Variable(token),
                _ => throw Error($"unexpected '{token}'"),
            };
        }

        private bool Accept(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }

            // "<" must not swallow the first half of "<=", "!" not the first half of "!=".
            if (token is "<" or ">" or "!" && _at + 1 < text.Length && text[_at + 1] == '=')
            {
                return false;
            }

            _at += token.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private FormatException Error(string message) => new($"invalid trip expression '{text}': {message}");
    }
}
