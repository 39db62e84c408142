using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Parsing;

/// <summary>
/// Parses PromQL into an <see cref="Expr"/> tree and type-checks it as Prometheus does at parse time: function
/// signatures, aggregation operands, range vectors only where expected, binary operand types, set operators and
/// grouping only between vectors, <c>bool</c> only on comparisons.
/// </summary>
public static class PromQLParser
{
    /// <summary>How deep expressions may nest (parentheses, calls, operator chains) before the query is refused.</summary>
    public const int MaxDepth = 256;

    /// <summary>Parses a query.</summary>
    /// <param name="query">The PromQL text.</param>
    /// <returns>The type-checked tree.</returns>
    /// <exception cref="PromQLSyntaxException">The query does not parse or type-check; the message gives the place and what was expected.</exception>
    public static Expr ParseExpr(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Parser(query).ParseQuery();
    }

    /// <summary>Parses a series selector, as the <c>match[]</c> parameters of the HTTP API take them.</summary>
    /// <param name="selector">The selector, e.g. <c>up{job="api"}</c>.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="PromQLSyntaxException">The text is not an instant vector selector.</exception>
    public static VectorSelector ParseVectorSelector(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var expr = new Parser(selector).ParseQuery();
        return expr as VectorSelector
            ?? throw new PromQLSyntaxException(selector, 0, $"expected type instant vector selector, got {Describe(expr)}");
    }

    private static string Describe(Expr expr) => expr switch
    {
        MatrixSelector => "range vector selector",
        _ => PromQLTypeNames.Of(expr.Type) + " expression",
    };

    private sealed class Parser(string query)
    {
        private readonly List<Token> _tokens = new Lexer(query).Tokenize();
        private int _next;
        private int _depth;

        private Token Current => _tokens[_next];

        public Expr ParseQuery()
        {
            if (Current.Kind == TokenKind.EndOfInput)
            {
                throw Error(Current.Start, "no expression found in input");
            }

            var expr = ParseExpr();
            if (Current.Kind != TokenKind.EndOfInput)
            {
                throw Current.Kind switch
                {
                    TokenKind.RightParen => Error(Current.Start, "unexpected right parenthesis ')'"),
                    TokenKind.RightBracket => Error(Current.Start, "unexpected right bracket ']'"),
                    _ => Unexpected(null, null),
                };
            }

            return expr;
        }

        private Expr ParseExpr()
        {
            Enter(Current.Start);
            var expr = ParseBinary(1);
            _depth--;
            return expr;
        }

        // Precedence climbing: operators of at least minPrecedence bind here; '^' is right-associative.
        private Expr ParseBinary(int minPrecedence)
        {
            var start = Current.Start;
            var left = ParseUnary();
            var chained = 0;
            while (PeekBinaryOperator() is { } op && BinaryOperators.Precedence(op) >= minPrecedence)
            {
                var opToken = Take();
                var returnBool = false;
                if (Current.IsWord("bool"))
                {
                    Take();
                    returnBool = true;
                }

                var matching = ParseVectorMatching();
                var precedence = BinaryOperators.Precedence(op);
                Enter(opToken.Start);
                chained++;
                var right = ParseBinary(op == BinaryOperator.Power ? precedence : precedence + 1);
                left = CheckBinary(op, left, right, returnBool, matching, start, opToken.Start);
            }

            _depth -= chained;
            return left;
        }

        private BinaryOperator? PeekBinaryOperator() => Current.Kind switch
        {
            TokenKind.Plus => BinaryOperator.Add,
            TokenKind.Minus => BinaryOperator.Subtract,
            TokenKind.Star => BinaryOperator.Multiply,
            TokenKind.Slash => BinaryOperator.Divide,
            TokenKind.Percent => BinaryOperator.Modulo,
            TokenKind.Caret => BinaryOperator.Power,
            TokenKind.EqualEqual => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            TokenKind.Identifier when Current.IsWord("and") => BinaryOperator.And,
            TokenKind.Identifier when Current.IsWord("or") => BinaryOperator.Or,
            TokenKind.Identifier when Current.IsWord("unless") => BinaryOperator.Unless,
            TokenKind.Identifier when Current.IsWord("atan2") => BinaryOperator.Atan2,
            _ => null,
        };

        private (bool On, List<string> Labels, VectorMatchCardinality Cardinality, List<string> Include)? ParseVectorMatching()
        {
            if (!Current.IsWord("on") && !Current.IsWord("ignoring"))
            {
                return null;
            }

            var on = Take().IsWord("on");
            var labels = ParseLabelList("grouping opts");
            var cardinality = VectorMatchCardinality.OneToOne;
            var include = new List<string>();
            if (Current.IsWord("group_left") || Current.IsWord("group_right"))
            {
                cardinality = Take().IsWord("group_left") ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
                if (Current.Kind == TokenKind.LeftParen)
                {
                    include = ParseLabelList("grouping opts");
                }
            }

            return (on, labels, cardinality, include);
        }

        private BinaryExpr CheckBinary(
            BinaryOperator op,
            Expr left,
            Expr right,
            bool returnBool,
            (bool On, List<string> Labels, VectorMatchCardinality Cardinality, List<string> Include)? modifiers,
            int start,
            int opStart)
        {
            var name = BinaryOperators.Text(op);
            if (returnBool && !BinaryOperators.IsComparison(op))
            {
                throw Error(opStart, "bool modifier can only be used on comparison operators");
            }

            if (BinaryOperators.IsComparison(op) && !returnBool && left.Type == PromQLType.Scalar && right.Type == PromQLType.Scalar)
            {
                throw Error(start, "comparisons between scalars must use BOOL modifier");
            }

            var (on, labels, cardinality, include) = modifiers ?? (false, [], VectorMatchCardinality.OneToOne, []);
            if (BinaryOperators.IsSetOperator(op) && cardinality == VectorMatchCardinality.OneToOne)
            {
                cardinality = VectorMatchCardinality.ManyToMany;
            }

            if (on && labels.FirstOrDefault(include.Contains) is { } both)
            {
                throw Error(opStart, $"label {StringLiteral.Quote(both)} must not occur in ON and GROUP clause at once");
            }

            if (left.Type is not (PromQLType.Scalar or PromQLType.InstantVector) || right.Type is not (PromQLType.Scalar or PromQLType.InstantVector))
            {
                throw Error(start, "binary expression must contain only scalar and instant vector types");
            }

            VectorMatching? matching = new(cardinality, labels, on, include);
            if (left.Type != PromQLType.InstantVector || right.Type != PromQLType.InstantVector)
            {
                if (labels.Count > 0)
                {
                    throw Error(opStart, "vector matching only allowed between instant vectors");
                }

                matching = null;
            }
            else if (BinaryOperators.IsSetOperator(op) && cardinality != VectorMatchCardinality.ManyToMany)
            {
                throw Error(opStart, $"no grouping allowed for {StringLiteral.Quote(name)} operation");
            }

            if (BinaryOperators.IsSetOperator(op) && (left.Type == PromQLType.Scalar || right.Type == PromQLType.Scalar))
            {
                throw Error(opStart, $"set operator {StringLiteral.Quote(name)} not allowed in binary scalar expression");
            }

            return new BinaryExpr(op, left, right, returnBool, matching);
        }

        private Expr ParseUnary()
        {
            if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus))
            {
                return ParsePostfix();
            }

            var sign = Take();
            Enter(sign.Start);
            var operand = ParseBinary(BinaryOperators.Precedence(BinaryOperator.Power));
            _depth--;
            if (operand.Type is not (PromQLType.Scalar or PromQLType.InstantVector))
            {
                throw Error(sign.Start, $"unary expression only allowed on expressions of type scalar or instant vector, got {StringLiteral.Quote(PromQLTypeNames.Of(operand.Type))}");
            }

            var minus = sign.Kind == TokenKind.Minus;
            if (operand is NumberLiteral number)
            {
                return minus ? new NumberLiteral(-number.Value) : number;
            }

            return new UnaryExpr(minus ? UnaryOperator.Minus : UnaryOperator.Plus, operand);
        }

        private Expr ParsePostfix()
        {
            var expr = ParsePrimary();
            var postfixes = 0;
            while (true)
            {
                var start = Current.Start;
                if (Current.Kind == TokenKind.LeftBracket)
                {
                    expr = ParseRange(expr);
                }
                else if (Current.IsWord("offset"))
                {
                    expr = ParseOffset(expr);
                }
                else if (Current.Kind == TokenKind.At)
                {
                    expr = ParseAt(expr);
                }
                else
                {
                    break;
                }

                Enter(start);
                postfixes++;
            }

            _depth -= postfixes;
            return expr;
        }

        private Expr ParseRange(Expr expr)
        {
            var bracket = Take();
            var range = ExpectDuration("subquery or range");
            if (Current.Kind == TokenKind.RightBracket)
            {
                Take();
                if (expr is not VectorSelector selector)
                {
                    throw Error(bracket.Start, "ranges only allowed for vector selectors");
                }

                if (selector.Offset != TimeSpan.Zero)
                {
                    throw Error(bracket.Start, "no offset modifiers allowed before range");
                }

                if (selector.At is not null)
                {
                    throw Error(bracket.Start, "no @ modifiers allowed before range");
                }

                return new MatrixSelector(selector, range);
            }

            if (Current.Kind != TokenKind.Colon)
            {
                throw Current.Kind == TokenKind.EndOfInput
                    ? Error(Current.Start, "unclosed left bracket")
                    : Unexpected("subquery or range", "\":\" or \"]\"");
            }

            Take();
            TimeSpan? step = Current.Kind == TokenKind.Duration ? ExpectDuration("subquery selector") : null;
            if (Current.Kind != TokenKind.RightBracket)
            {
                throw Current.Kind == TokenKind.EndOfInput
                    ? Error(Current.Start, "unclosed left bracket")
                    : Unexpected("subquery selector", "\"]\"");
            }

            Take();
            if (expr.Type != PromQLType.InstantVector)
            {
                throw Error(bracket.Start, $"subquery is only allowed on instant vector, got {PromQLTypeNames.Of(expr.Type)}");
            }

            return new SubqueryExpr(expr, range, step, TimeSpan.Zero, null);
        }

        private TimeSpan ExpectDuration(string context)
        {
            if (Current.Kind != TokenKind.Duration)
            {
                throw Unexpected(context, "duration");
            }

            return Take().Duration;
        }

        private Expr ParseOffset(Expr expr)
        {
            var keyword = Take();
            var negative = false;
            if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
            {
                negative = Take().Kind == TokenKind.Minus;
            }

            var offset = ExpectDuration("offset");
            offset = negative ? -offset : offset;
            var (current, _) = Modifiers(expr, keyword.Start, "offset modifier");
            if (current != TimeSpan.Zero)
            {
                throw Error(keyword.Start, "offset may not be set multiple times");
            }

            return expr switch
            {
                VectorSelector v => v with { Offset = offset },
                MatrixSelector m => m with { Selector = m.Selector with { Offset = offset } },
                _ => ((SubqueryExpr)expr) with { Offset = offset },
            };
        }

        private Expr ParseAt(Expr expr)
        {
            var at = Take();
            AtModifier modifier;
            if (Current.IsWord("start") || Current.IsWord("end"))
            {
                var start = Take().IsWord("start");
                Expect(TokenKind.LeftParen, "@", "\"(\"");
                Expect(TokenKind.RightParen, "@", "\")\"");
                modifier = start ? AtModifier.Start : AtModifier.End;
            }
            else
            {
                var negative = false;
                if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
                {
                    negative = Take().Kind == TokenKind.Minus;
                }

                if (Current.Kind != TokenKind.Number)
                {
                    throw Unexpected("@", "timestamp");
                }

                var seconds = Take().Number * (negative ? -1 : 1);
                if (!double.IsFinite(seconds) || Math.Abs(seconds) > long.MaxValue / 1000d / 2)
                {
                    throw Error(at.Start, $"timestamp out of bounds for @ modifier: {NumberLiteral.Format(seconds)}");
                }

                modifier = new AtModifier(AtKind.Timestamp, (long)Math.Round(seconds * 1000));
            }

            var (_, current) = Modifiers(expr, at.Start, "@ modifier");
            if (current is not null)
            {
                throw Error(at.Start, "@ modifier may not be set multiple times");
            }

            return expr switch
            {
                VectorSelector v => v with { At = modifier },
                MatrixSelector m => m with { Selector = m.Selector with { At = modifier } },
                _ => ((SubqueryExpr)expr) with { At = modifier },
            };
        }

        private (TimeSpan Offset, AtModifier? At) Modifiers(Expr expr, int position, string what) => expr switch
        {
            VectorSelector v => (v.Offset, v.At),
            MatrixSelector m => (m.Selector.Offset, m.Selector.At),
            SubqueryExpr s => (s.Offset, s.At),
            _ => throw Error(position, $"{what} must be preceded by an instant vector selector or range vector selector or a subquery"),
        };

        private Expr ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Take();
                    return new NumberLiteral(token.Number);
                case TokenKind.String:
                    Take();
                    return new StringLiteral(token.Value!);
                case TokenKind.LeftParen:
                    Take();
                    var inner = ParseExpr();
                    if (Current.Kind != TokenKind.RightParen)
                    {
                        throw Current.Kind == TokenKind.EndOfInput
                            ? Error(Current.Start, "unclosed left parenthesis")
                            : Unexpected(null, "\")\"");
                    }

                    Take();
                    return new ParenExpr(inner);
                case TokenKind.LeftBrace:
                    return ParseSelector(null);
                case TokenKind.Identifier when AggregationOperators.TryGet(token.Text, out var aggregation):
                    return ParseAggregation(aggregation);
                case TokenKind.Identifier when _tokens[_next + 1].Kind == TokenKind.LeftParen && !token.IsReserved:
                    return ParseCall();
                case TokenKind.Identifier when !token.IsReserved:
                    Take();
                    return ParseSelector(token.Text);
                default:
                    throw Unexpected(null, null);
            }
        }

        private VectorSelector ParseSelector(string? metricName)
        {
            var matchers = new List<LabelMatcher>();
            if (metricName is not null)
            {
                matchers.Add(LabelMatcher.Equal(LabelNames.MetricName, metricName));
            }

            var start = Current.Start;
            if (Current.Kind == TokenKind.LeftBrace)
            {
                Take();
                while (Current.Kind != TokenKind.RightBrace)
                {
                    matchers.Add(ParseMatcher(metricName));
                    if (Current.Kind == TokenKind.Comma)
                    {
                        Take();
                    }
                    else if (Current.Kind != TokenKind.RightBrace)
                    {
                        throw Current.Kind == TokenKind.EndOfInput
                            ? Error(Current.Start, "unexpected end of input inside braces")
                            : Unexpected("label matching", "\",\" or \"}\"");
                    }
                }

                Take();
            }

            if (matchers.TrueForAll(m => m.MatchesEmpty))
            {
                throw Error(start, "vector selector must contain at least one non-empty matcher");
            }

            return new VectorSelector(metricName, matchers, TimeSpan.Zero, null);
        }

        private LabelMatcher ParseMatcher(string? metricName)
        {
            if (Current.Kind != TokenKind.Identifier || Current.Text.Contains(':', StringComparison.Ordinal))
            {
                throw Current.Kind == TokenKind.EndOfInput
                    ? Error(Current.Start, "unexpected end of input inside braces")
                    : Unexpected("label matching", "identifier or \"}\"");
            }

            var name = Take().Text;
            var type = Current.Kind switch
            {
                TokenKind.Assign => LabelMatchType.Equal,
                TokenKind.NotEqual => LabelMatchType.NotEqual,
                TokenKind.RegexMatch => LabelMatchType.Regex,
                TokenKind.NotRegexMatch => LabelMatchType.NotRegex,
                _ => throw Unexpected("label matching", "label matching operator"),
            };
            Take();
            if (Current.Kind != TokenKind.String)
            {
                throw Unexpected("label matching", "string");
            }

            var value = Take();
            if (metricName is not null && name == LabelNames.MetricName)
            {
                throw Error(value.Start, $"metric name must not be set twice: {StringLiteral.Quote(metricName)} or {StringLiteral.Quote(value.Value!)}");
            }

            try
            {
                return new LabelMatcher(type, name, value.Value!);
            }
            catch (ArgumentException ex)
            {
                throw new PromQLSyntaxException(query, value.Start, ex.Message, ex);
            }
        }

        private AggregateExpr ParseAggregation(AggregationOperator op)
        {
            var start = Take().Start;
            var (grouping, without, grouped) = ParseGroupingClause();
            if (Current.Kind != TokenKind.LeftParen)
            {
                throw Unexpected("aggregation", "\"(\"");
            }

            var args = ParseArguments("aggregation");
            if (!grouped)
            {
                (grouping, without, _) = ParseGroupingClause();
            }

            if (args.Count == 0)
            {
                throw Error(start, "no arguments for aggregate expression provided");
            }

            var parameterType = AggregationOperators.ParameterType(op);
            var expected = parameterType is null ? 1 : 2;
            if (args.Count != expected)
            {
                throw Error(start, $"wrong number of arguments for aggregate expression provided, expected {expected}, got {args.Count}");
            }

            var expr = args[^1].Expr;
            if (parameterType is { } type && args[0].Expr.Type != type)
            {
                throw Error(args[0].Start, $"expected type {PromQLTypeNames.Of(type)} in aggregation parameter, got {PromQLTypeNames.Of(args[0].Expr.Type)}");
            }

            if (expr.Type != PromQLType.InstantVector)
            {
                throw Error(args[^1].Start, $"expected type instant vector in aggregation expression, got {PromQLTypeNames.Of(expr.Type)}");
            }

            return new AggregateExpr(op, expr, parameterType is null ? null : args[0].Expr, grouping, without);
        }

        private (List<string> Labels, bool Without, bool Present) ParseGroupingClause()
        {
            if (Current.IsWord("by") || Current.IsWord("without"))
            {
                var without = Take().IsWord("without");
                return (ParseLabelList("grouping opts"), without, true);
            }

            return ([], false, false);
        }

        private List<string> ParseLabelList(string context)
        {
            Expect(TokenKind.LeftParen, context, "\"(\"");
            var labels = new List<string>();
            while (Current.Kind != TokenKind.RightParen)
            {
                if (Current.Kind != TokenKind.Identifier || Current.Text.Contains(':', StringComparison.Ordinal))
                {
                    throw Unexpected(context, "label");
                }

                labels.Add(Take().Text);
                if (Current.Kind == TokenKind.Comma)
                {
                    Take();
                }
                else if (Current.Kind != TokenKind.RightParen)
                {
                    throw Unexpected(context, "\",\" or \")\"");
                }
            }

            Take();
            return labels;
        }

        private FunctionCall ParseCall()
        {
            var nameToken = Take();
            if (!PromQLFunctions.TryGet(nameToken.Text, out var function))
            {
                throw Error(nameToken.Start, $"unknown function with name {StringLiteral.Quote(nameToken.Text)}");
            }

            var args = ParseArguments("function call");
            var declared = function.ArgTypes.Count;
            var quoted = StringLiteral.Quote(function.Name);
            if (function.Variadic == 0)
            {
                if (args.Count != declared)
                {
                    throw Error(nameToken.Start, $"expected {declared} argument(s) in call to {quoted}, got {args.Count}");
                }
            }
            else if (args.Count < declared - 1)
            {
                throw Error(nameToken.Start, $"expected at least {declared - 1} argument(s) in call to {quoted}, got {args.Count}");
            }
            else if (function.Variadic > 0 && args.Count > declared - 1 + function.Variadic)
            {
                throw Error(nameToken.Start, $"expected at most {declared - 1 + function.Variadic} argument(s) in call to {quoted}, got {args.Count}");
            }

            for (var i = 0; i < args.Count; i++)
            {
                var expected = function.ArgTypes[Math.Min(i, declared - 1)];
                if (args[i].Expr.Type != expected)
                {
                    throw Error(args[i].Start, $"expected type {PromQLTypeNames.Of(expected)} in call to function {quoted}, got {PromQLTypeNames.Of(args[i].Expr.Type)}");
                }
            }

            return new FunctionCall(function, args.ConvertAll(a => a.Expr));
        }

        private List<(Expr Expr, int Start)> ParseArguments(string context)
        {
            Expect(TokenKind.LeftParen, context, "\"(\"");
            var args = new List<(Expr, int)>();
            while (Current.Kind != TokenKind.RightParen)
            {
                var start = Current.Start;
                args.Add((ParseExpr(), start));
                if (Current.Kind == TokenKind.Comma)
                {
                    Take();
                }
                else if (Current.Kind != TokenKind.RightParen)
                {
                    throw Current.Kind == TokenKind.EndOfInput
                        ? Error(Current.Start, "unclosed left parenthesis")
                        : Unexpected(context, "\",\" or \")\"");
                }
            }

            Take();
            return args;
        }

        private void Expect(TokenKind kind, string context, string expected)
        {
            if (Current.Kind != kind)
            {
                throw Unexpected(context, expected);
            }

            Take();
        }

        private Token Take()
        {
            var token = _tokens[_next];
            if (token.Kind != TokenKind.EndOfInput)
            {
                _next++;
            }

            return token;
        }

        private void Enter(int position)
        {
            if (++_depth > MaxDepth)
            {
                throw Error(position, $"expression nested too deeply: more than {MaxDepth} levels");
            }
        }

        private PromQLSyntaxException Unexpected(string? context, string? expected)
        {
            var reason = "unexpected " + Current.Describe();
            if (context is not null)
            {
                reason += " in " + context;
            }

            if (expected is not null)
            {
                reason += ", expected " + expected;
            }

            return Error(Current.Start, reason);
        }

        private PromQLSyntaxException Error(int position, string reason) => new(query, position, reason);
    }
}
