using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

/// <summary>Byte order equals value order, and Decompose/Compose round trips, over generated values (fixed seeds).</summary>
public class PropertyTests
{
    private static Config Seeded(ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(300)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void IntOrderAndRoundTrip() =>
        Prop.ForAll<int, int>((a, b) =>
                Math.Sign(CqlType.Int.Compare(CqlType.Int.Decompose(a), CqlType.Int.Decompose(b))) == Math.Sign(a.CompareTo(b))
                && (int)CqlType.Int.Compose(CqlType.Int.Decompose(a))! == a)
            .Check(Seeded(1));

    [Fact]
    public void BigIntOrderAndRoundTrip() =>
        Prop.ForAll<long, long>((a, b) =>
                Math.Sign(CqlType.BigInt.Compare(CqlType.BigInt.Decompose(a), CqlType.BigInt.Decompose(b))) == Math.Sign(a.CompareTo(b))
                && (long)CqlType.BigInt.Compose(CqlType.BigInt.Decompose(a))! == a
                && CqlType.BigInt.FromString(CqlType.BigInt.ToCqlString(CqlType.BigInt.Decompose(a))).AsSpan().SequenceEqual(CqlType.BigInt.Decompose(a)))
            .Check(Seeded(2));

    [Fact]
    public void VarintOrderAndRoundTrip() =>
        Prop.ForAll<long, long, int>((a, b, shift) =>
            {
                var x = new BigInteger(a) << (Math.Abs(shift) % 80);
                var y = new BigInteger(b);
                byte[] bx = CqlType.Varint.Decompose(x), by = CqlType.Varint.Decompose(y);
                return Math.Sign(CqlType.Varint.Compare(bx, by)) == Math.Sign(x.CompareTo(y))
                       && (BigInteger)CqlType.Varint.Compose(bx)! == x
                       && CqlType.Varint.FromString(CqlType.Varint.ToCqlString(bx)).AsSpan().SequenceEqual(bx);
            })
            .Check(Seeded(3));

    [Fact]
    public void DoublesRoundTripThroughJavaText() =>
        Prop.ForAll<double>(d =>
            {
                byte[] bytes = CqlType.Double.Decompose(d);
                string text = CqlType.Double.ToCqlString(bytes);
                double back = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(CqlType.Double.FromString(text)));
                return back.Equals(d) || (double.IsNaN(back) && double.IsNaN(d));
            })
            .Check(Seeded(4));

    [Fact]
    public void DecimalTextRoundTripsExactly() =>
        Prop.ForAll<long, int>((unscaled, scale) =>
            {
                var d = new CqlDecimal(unscaled, scale % 40);
                byte[] bytes = CqlType.Decimal.Decompose(d);
                return CqlType.Decimal.FromString(CqlType.Decimal.ToCqlString(bytes)).AsSpan().SequenceEqual(bytes);
            })
            .Check(Seeded(5));

    [Fact]
    public void TimestampsRoundTripThroughLiteral() =>
        Prop.ForAll<long>(ms =>
            {
                long millis = ms % 253_402_300_800_000L; // years 1..9999 either side of the epoch
                if (millis < -62_135_596_800_000L)
                    millis = -millis;
                byte[] bytes = CqlType.Timestamp.Decompose(millis);
                string literal = CqlType.Timestamp.ToCqlString(bytes);
                return CqlType.Timestamp.FromString(literal).AsSpan().SequenceEqual(bytes)
                       && literal == DateTimeOffset.FromUnixTimeMilliseconds(millis).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            })
            .Check(Seeded(6));

    [Fact]
    public void DatesRoundTripAndByteOrderIsDateOrder() =>
        Prop.ForAll<uint, uint>((a, b) =>
            {
                byte[] ba = CqlType.Date.Decompose(new CqlDate(a)), bb = CqlType.Date.Decompose(new CqlDate(b));
                return CqlType.Date.FromString(CqlType.Date.ToCqlString(ba)).AsSpan().SequenceEqual(ba)
                       && Math.Sign(CqlType.Date.Compare(ba, bb)) == Math.Sign(a.CompareTo(b));
            })
            .Check(Seeded(7));

    [Fact]
    public void DurationsRoundTripThroughText() =>
        Prop.ForAll<int, int, long>((m, d, n) =>
            {
                // All parts share one sign, as Cassandra requires.
                var duration = (m >= 0) ? new CqlDuration(Math.Abs(m % int.MaxValue), Math.Abs(d % int.MaxValue), Math.Abs(n % long.MaxValue))
                                        : new CqlDuration(-Math.Abs(m % int.MaxValue), -Math.Abs(d % int.MaxValue), -Math.Abs(n % long.MaxValue));
                byte[] bytes = CqlType.Duration.Decompose(duration);
                string text = CqlType.Duration.ToCqlString(bytes);
                return text.Length == 0 || CqlType.Duration.FromString(text).AsSpan().SequenceEqual(bytes);
            })
            .Check(Seeded(8));

    [Fact]
    public void TextByteOrderIsOrdinalCodePointOrder() =>
        Prop.ForAll<string, string>((a, b) =>
            {
                a ??= "";
                b ??= "";
                // Lone surrogates do not survive UTF-8; compare the strings that do.
                a = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(a));
                b = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(b));
                int expected = CompareCodePoints(a, b);
                return Math.Sign(CqlType.Text.Compare(CqlType.Text.Decompose(a), CqlType.Text.Decompose(b))) == Math.Sign(expected)
                       && (string)CqlType.Text.Compose(CqlType.Text.Decompose(a))! == a;
            })
            .Check(Seeded(9));

    private static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes().GetEnumerator();
        var eb = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            bool ha = ea.MoveNext(), hb = eb.MoveNext();
            if (!ha || !hb)
                return (ha ? 1 : 0) - (hb ? 1 : 0);
            int c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
                return c;
        }
    }

    [Fact]
    public void FrozenListOrderIsLexicographicOverElements() =>
        Prop.ForAll<int[], int[]>((a, b) =>
            {
                a ??= [];
                b ??= [];
                var list = new ListType(CqlType.Int, isMultiCell: false);
                int expected = 0;
                for (int i = 0; i < Math.Min(a.Length, b.Length) && expected == 0; i++)
                    expected = a[i].CompareTo(b[i]);
                if (expected == 0)
                    expected = a.Length.CompareTo(b.Length);
                return Math.Sign(list.Compare(list.Decompose(a), list.Decompose(b))) == Math.Sign(expected);
            })
            .Check(Seeded(10));
}
