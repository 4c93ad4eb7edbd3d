using System.Globalization;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>
/// A CQL duration (org.apache.cassandra.cql3.Duration): months, days and nanoseconds kept apart
/// because a month has no fixed number of days nor a day a fixed number of nanoseconds. All non-zero
/// parts share one sign.
/// </summary>
public readonly record struct CqlDuration(int Months, int Days, long Nanoseconds)
{
    public const long NanosPerMicro = 1000L;
    public const long NanosPerMilli = 1000 * NanosPerMicro;
    public const long NanosPerSecond = 1000 * NanosPerMilli;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 60 * NanosPerMinute;

    /// <summary>Cassandra's Duration.toString: "-1y2mo3d4h5m6s7ms8us9ns", zero units omitted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Months < 0 || Days < 0 || Nanoseconds < 0)
            sb.Append('-');
        long months = Math.Abs((long)Months);
        long remainder = Append(sb, months, 12, "y");
        Append(sb, remainder, 1, "mo");
        Append(sb, Math.Abs((long)Days), 1, "d");
        if (Nanoseconds != 0)
        {
            // long.MinValue has no absolute value; its magnitude still prints correctly as unsigned.
            ulong nanos = Nanoseconds == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Nanoseconds);
            ulong rest = AppendUnsigned(sb, nanos, (ulong)NanosPerHour, "h");
            rest = AppendUnsigned(sb, rest, (ulong)NanosPerMinute, "m");
            rest = AppendUnsigned(sb, rest, (ulong)NanosPerSecond, "s");
            rest = AppendUnsigned(sb, rest, (ulong)NanosPerMilli, "ms");
            rest = AppendUnsigned(sb, rest, (ulong)NanosPerMicro, "us");
            AppendUnsigned(sb, rest, 1, "ns");
        }

        return sb.ToString();
    }

    private static long Append(StringBuilder sb, long dividend, long divisor, string unit)
    {
        if (dividend == 0 || dividend < divisor)
            return dividend;
        sb.Append((dividend / divisor).ToString(CultureInfo.InvariantCulture)).Append(unit);
        return dividend % divisor;
    }

    private static ulong AppendUnsigned(StringBuilder sb, ulong dividend, ulong divisor, string unit)
    {
        if (dividend == 0 || dividend < divisor)
            return dividend;
        sb.Append((dividend / divisor).ToString(CultureInfo.InvariantCulture)).Append(unit);
        return dividend % divisor;
    }

    /// <summary>
    /// Cassandra's Duration.from: "12h30m" (units y, mo, w, d, h, m, s, ms, us/µs, ns, in this order),
    /// ISO 8601 "P1Y2M3DT4H5M6S" or "P2W", and the alternative "P0001-02-03T04:05:06", each with an
    /// optional leading '-'.
    /// </summary>
    public static CqlDuration Parse(string input) => DurationParser.Parse(input);
}
