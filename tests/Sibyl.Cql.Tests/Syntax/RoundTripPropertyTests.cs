using System.Globalization;
using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

/// <summary>Random (fixed-seed) terms and types print as CQL that parses back to the same tree.</summary>
public class RoundTripPropertyTests
{
    private static readonly string[] Natives = CqlKeywords.NativeTypes.Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Names = ["a", "key", "ttl", "Mixed", "with space", "select", "x_1", "q\"uote"];

    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);
        private int _markers;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        public RawType Type(int depth)
        {
            var choice = depth <= 0 ? 0 : _random.Next(9);
            return choice switch
            {
                0 or 1 => new RawNativeType(Pick(Natives)),
                2 => new RawListType(Type(depth - 1)),
                3 => new RawSetType(Type(depth - 1)),
                4 => new RawMapType(Type(depth - 1), Type(depth - 1)),
                5 => new RawTupleType(ValueList.From(Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Type(depth - 1)).ToList())),
                6 => new RawVectorType(Type(depth - 1), 1 + _random.Next(2048)),
                7 => new RawFrozenType(Type(depth - 1)),
                _ => _random.Next(3) switch
                {
                    0 => new RawUserType(new QualifiedName(null, "udt_" + _random.Next(9))),
                    1 => new RawUserType(new QualifiedName(Pick(Names), "My Type")),
                    _ => new RawCustomType("org.apache.cassandra.db.marshal.Bytes'Type"),
                },
            };
        }

        private RawLiteral Literal() => _random.Next(8) switch
        {
            0 => new RawLiteral(LiteralKind.String, "s'" + _random.Next(100).ToString(CultureInfo.InvariantCulture) + "$"),
            1 => new RawLiteral(LiteralKind.Integer, (_random.Next(2000) - 1000).ToString(CultureInfo.InvariantCulture)),
            2 => new RawLiteral(LiteralKind.Float, Pick(new[] { "1.5", "-0.25", "3e10", "2.5E-3", "NaN", "Infinity", "-Infinity" })),
            3 => new RawLiteral(LiteralKind.Boolean, _random.Next(2) == 0 ? "true" : "false"),
            4 => new RawLiteral(LiteralKind.Duration, Pick(new[] { "1h30m", "P1DT2H", "-3d", "P0001-02-03T04:05:06", "12mo" })),
            5 => new RawLiteral(LiteralKind.Uuid, NextGuid().ToString()),
            6 => new RawLiteral(LiteralKind.Hex, "0x" + _random.Next().ToString("x", CultureInfo.InvariantCulture)),
            _ => new RawLiteral(LiteralKind.String, ""),
        };

        private Guid NextGuid()
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private RawBindMarker Marker() => new(_markers++, _random.Next(2) == 0 ? null : Pick(Names));

        /// <summary>A simpleTerm: anything but arithmetic and negation.</summary>
        public RawTerm Simple(int depth)
        {
            var choice = depth <= 0 ? _random.Next(3) : _random.Next(12);
            switch (choice)
            {
                case 0:
                    return Literal();
                case 1:
                    return Marker();
                case 2:
                    return RawNull.Instance;
                case 3:
                    return new RawListLiteral(Terms(depth, 0));
                case 4:
                    return new RawSetLiteral(Terms(depth, 0));
                case 5:
                    {
                        var entries = new List<RawMapEntry>();
                        var count = 1 + _random.Next(3);
                        for (var i = 0; i < count; i++)
                        {
                            var k = Term(depth - 1);
                            entries.Add(new RawMapEntry(k, Term(depth - 1)));
                        }
                        return new RawMapLiteral(ValueList.From(entries));
                    }
                case 6:
                    {
                        var fields = new List<RawFieldValue>();
                        var count = 1 + _random.Next(3);
                        for (var i = 0; i < count; i++)
                            fields.Add(new RawFieldValue(Pick(Names), Term(depth - 1)));
                        return new RawUserTypeLiteral(ValueList.From(fields));
                    }
                case 7:
                    return new RawTupleLiteral(Terms(depth, 1));
                case 8:
                    return new RawFunctionCall(new FunctionName(_random.Next(2) == 0 ? null : Pick(Names), Pick(new[] { "now", "token", "count", "f", "Fn", "text" })), Terms(depth, 0));
                case 9:
                    return new RawTypeHint(Type(2), Simple(depth - 1));
                case 10:
                    return new RawCast(Simple(depth - 1), new RawNativeType(Pick(Natives)));
                default:
                    return Literal();
            }
        }

        private ValueList<RawTerm> Terms(int depth, int min)
        {
            var count = min + _random.Next(3);
            var list = new List<RawTerm>(count);
            for (var i = 0; i < count; i++)
                list.Add(Term(depth - 1));
            return ValueList.From(list);
        }

        public RawTerm Term(int depth) => Arithmetic(depth, 0);

        /// <summary>Arithmetic trees shaped as the parser builds them: left-associative, children of higher precedence.</summary>
        private RawTerm Arithmetic(int depth, int minPrecedence)
        {
            if (depth > 0 && _random.Next(4) == 0)
            {
                var op = Pick(new[] { '+', '-', '*', '/', '%' });
                var precedence = op is '+' or '-' ? 1 : 2;
                if (precedence >= minPrecedence)
                {
                    var left = Arithmetic(depth - 1, precedence);
                    var right = Group(depth - 1, precedence + 1);
                    return new RawArithmetic(op, left, right);
                }
            }
            return Group(depth, 3);
        }

        private RawTerm Group(int depth, int minPrecedence)
        {
            if (minPrecedence <= 2 && depth > 0 && _random.Next(4) == 0)
                return Arithmetic(depth, minPrecedence);
            if (_random.Next(10) == 0)
            {
                var operand = Simple(depth - 1);
                if (operand is RawBindMarker or RawFunctionCall or RawListLiteral)
                    return new RawNegation(operand);
                return operand;
            }
            return Simple(depth);
        }
    }

    [Fact]
    public void TypesRoundTrip()
    {
        var generator = new Generator(20261121);
        for (var i = 0; i < 500; i++)
        {
            var type = generator.Type(4);
            var cql = type.ToCql();
            Assert.Equal(type, CqlParser.ParseType(cql));
        }
    }

    [Fact]
    public void TermsRoundTrip()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var generator = new Generator(seed);
            var term = generator.Term(4);
            var cql = term.ToCql();
            ParsedStatement parsed;
            try
            {
                parsed = CqlParser.Parse("SELECT * FROM t WHERE k = " + cql);
            }
            catch (CqlSyntaxException e)
            {
                throw new InvalidOperationException($"seed {seed}: {cql} failed: {e.Message}", e);
            }
            var relation = Assert.IsType<SingleColumnRelation>(Assert.IsType<RawSelectStatement>(parsed.Statement).Where[0]);
            Assert.True(term.Equals(relation.Value), $"seed {seed}: {cql} reparsed as {relation.Value.ToCql()}");
        }
    }
}
