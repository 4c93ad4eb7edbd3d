using System.Buffers.Binary;
using System.Collections.Frozen;
using Sibyl.Common.Errors;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// The native functions of the system keyspace by name: time, blob conversion, cast and operator functions.
/// Built once and never changed, so one instance is shared by every statement (and every node in a process).
/// Functions generic over their argument type (toJson, the collection and vector functions) are made on demand.
/// </summary>
public sealed class FunctionRegistry
{
    public static readonly FunctionRegistry Native = new();

    private readonly FrozenDictionary<string, NativeFunction[]> _functions;

    private FunctionRegistry()
    {
        var all = new List<NativeFunction>();
        AddTimeFunctions(all);
        AddBlobFunctions(all);
        all.AddRange(CastFunctions.All());
        all.AddRange(Arithmetic.All());
        _functions = all.GroupBy(f => f.Name).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The fixed-signature overloads of a function name (lower case), empty when none.</summary>
    public IReadOnlyList<NativeFunction> Overloads(string name) => _functions.GetValueOrDefault(name) ?? [];

    /// <summary>True for names resolved from their argument types rather than a fixed signature.</summary>
    public static bool IsGeneric(string name) => name is "tojson" or "fromjson" or "map_keys" or "map_values" or "collection_count"
        or "collection_min" or "collection_max" or "collection_sum" or "collection_avg"
        or "similarity_cosine" or "similarity_euclidean" or "similarity_dot_product";

    private static byte[] Long(long value) => CqlType.BigInt.Decompose(value);

    private static void AddTimeFunctions(List<NativeFunction> all)
    {
        static void Add(List<NativeFunction> all, string[] names, CqlType[] args, CqlType result, Func<byte[]?[], FunctionContext, byte[]?> body, bool pure = true)
        {
            foreach (var n in names) all.Add(new NativeFunction(n, args, result, body, isPure: pure));
        }
        Add(all, ["now", "currenttimeuuid", "current_timeuuid"], [], CqlType.Timeuuid, (_, c) => TimeUuid.Create(c.TimestampMicros), pure: false);
        Add(all, ["uuid"], [], CqlType.Uuid, (_, _) => RandomUuid(), pure: false);
        Add(all, ["currenttimestamp", "current_timestamp"], [], CqlType.Timestamp, (_, c) => Long(c.TimestampMicros / 1000), pure: false);
        Add(all, ["currentdate", "current_date"], [], CqlType.Date, (_, c) => DateOfMillis(c.TimestampMicros / 1000), pure: false);
        Add(all, ["currenttime", "current_time"], [], CqlType.Time, (_, c) => Long(Mod(c.TimestampMicros, 86_400_000_000L) * 1000), pure: false);
        Add(all, ["mintimeuuid", "min_timeuuid"], [CqlType.Timestamp], CqlType.Timeuuid, (a, _) => a[0]!.Length == 0 ? null : TimeUuid.Bound(BinaryPrimitives.ReadInt64BigEndian(a[0]), false));
        Add(all, ["maxtimeuuid", "max_timeuuid"], [CqlType.Timestamp], CqlType.Timeuuid, (a, _) => a[0]!.Length == 0 ? null : TimeUuid.Bound(BinaryPrimitives.ReadInt64BigEndian(a[0]), true));
        Add(all, ["dateof"], [CqlType.Timeuuid], CqlType.Timestamp, (a, _) => a[0]!.Length == 0 ? null : Long(TimeUuid.UnixMillis(a[0])));
        Add(all, ["unixtimestampof"], [CqlType.Timeuuid], CqlType.BigInt, (a, _) => a[0]!.Length == 0 ? null : Long(TimeUuid.UnixMillis(a[0])));
        foreach (var source in new CqlType[] { CqlType.Timeuuid, CqlType.Timestamp, CqlType.Date })
        {
            var s = source;
            if (s.Kind != CqlTypeKind.Timestamp)
                Add(all, ["totimestamp", "to_timestamp"], [s], CqlType.Timestamp, (a, _) => a[0]!.Length == 0 ? null : Long(Millis(s, a[0]!)));
            if (s.Kind != CqlTypeKind.Date)
                Add(all, ["todate", "to_date"], [s], CqlType.Date, (a, _) => a[0]!.Length == 0 ? null : DateOfMillis(Millis(s, a[0]!)));
            Add(all, ["tounixtimestamp", "to_unix_timestamp"], [s], CqlType.BigInt, (a, _) => a[0]!.Length == 0 ? null : Long(Millis(s, a[0]!)));
        }
    }

    private static long Mod(long a, long b) => ((a % b) + b) % b;

    /// <summary>Milliseconds since the epoch of a timeuuid, timestamp or date value.</summary>
    public static long Millis(CqlType type, byte[] value) => type.Kind switch
    {
        CqlTypeKind.Timeuuid => TimeUuid.UnixMillis(value),
        CqlTypeKind.Date => ((long)BinaryPrimitives.ReadUInt32BigEndian(value) - (1L << 31)) * 86_400_000L,
        _ => BinaryPrimitives.ReadInt64BigEndian(value),
    };

    private static byte[] DateOfMillis(long millis) =>
        CqlType.Date.Decompose(CqlDate.FromDaysSinceEpoch((long)Math.Floor(millis / 86_400_000.0)));

    private static byte[] RandomUuid()
    {
        var bytes = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return bytes;
    }

    /// <summary>typeAsBlob and blobAsType for every native type (Cassandra's BytesConversionFcts).</summary>
    private static void AddBlobFunctions(List<NativeFunction> all)
    {
        CqlType[] types = [CqlType.Ascii, CqlType.BigInt, CqlType.Boolean, CqlType.Counter, CqlType.Date, CqlType.Decimal, CqlType.Double,
            CqlType.Duration, CqlType.Float, CqlType.Inet, CqlType.Int, CqlType.SmallInt, CqlType.Text, CqlType.Time, CqlType.Timestamp,
            CqlType.Timeuuid, CqlType.TinyInt, CqlType.Uuid, CqlType.Varint];
        foreach (var type in types)
        {
            var t = type;
            string name = t.CqlName;
            all.Add(new NativeFunction(name + "asblob", [t], CqlType.Blob, (a, _) => a[0]));
            string fn = "blobas" + name;
            all.Add(new NativeFunction(fn, [CqlType.Blob], t, (a, _) =>
            {
                try
                {
                    t.Validate(a[0]);
                }
                catch (MarshalException)
                {
                    throw new InvalidRequestException($"In call to function system.{fn}, value 0x{Convert.ToHexStringLower(a[0]!)} is not a valid binary representation for type {name}");
                }
                return a[0];
            }));
        }
    }
}
