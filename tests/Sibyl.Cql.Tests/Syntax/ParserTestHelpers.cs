using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

internal static class ParserTestHelpers
{
    public static T Parse<T>(string cql) where T : RawStatement => Assert.IsType<T>(CqlParser.Parse(cql).Statement);

    public static ValueList<T> L<T>(params T[] items) => ValueList.Of(items);

    public static QualifiedName Q(string name) => new(null, name);

    public static QualifiedName Q(string ks, string name) => new(ks, name);

    public static RawLiteral Int(long value) => new(LiteralKind.Integer, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static RawLiteral Str(string value) => new(LiteralKind.String, value);

    public static RawNativeType Native(string name) => new(name);
}
