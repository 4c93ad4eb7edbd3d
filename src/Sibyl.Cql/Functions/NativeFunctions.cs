using System.Buffers.Binary;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// The native scalar functions usable as values in statements. Each checks its return type against the
/// receiver as Cassandra does ("Type error: ... cannot be passed as argument ...").
/// </summary>
public static class NativeFunctions
{
    public static Term Prepare(RawFunctionCall call, ColumnSpecification receiver, BindVariables bindings)
    {
        string name = call.Name.Name.ToLowerInvariant();
        if (call.Name.Keyspace is not null && call.Name.Keyspace != "system")
            throw new InvalidRequestException($"Unknown function {call.Name.ToCql()} called");
        switch (name)
        {
            case "now":
            case "currenttimeuuid":
                NoArguments(call);
                Returns(call, receiver, CqlType.Timeuuid);
                return new ComputedTerm([], (_, state) => TimeUuid.Create(state.TimestampMicros));
            case "uuid":
                NoArguments(call);
                Returns(call, receiver, CqlType.Uuid);
                return new ComputedTerm([], (_, _) => RandomUuid());
            case "currenttimestamp":
                NoArguments(call);
                Returns(call, receiver, CqlType.Timestamp);
                return new ComputedTerm([], (_, state) => Long(state.TimestampMicros / 1000));
            case "currentdate":
                NoArguments(call);
                Returns(call, receiver, CqlType.Date);
                return new ComputedTerm([], (_, state) => CqlType.Date.FromString(DateTimeOffset.FromUnixTimeMilliseconds(state.TimestampMicros / 1000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            case "currenttime":
                NoArguments(call);
                Returns(call, receiver, CqlType.Time);
                return new ComputedTerm([], (_, state) => Long(state.TimestampMicros % 86_400_000_000L * 1000));
            case "mintimeuuid":
            case "maxtimeuuid":
            {
                Returns(call, receiver, CqlType.Timeuuid);
                var arg = OneArgument(call, receiver, CqlType.Timestamp, bindings);
                bool max = name == "maxtimeuuid";
                return Computed([arg], v => v[0] is null ? null : TimeUuid.Bound(BinaryPrimitives.ReadInt64BigEndian(v[0]), max));
            }
            case "totimestamp":
            {
                Returns(call, receiver, CqlType.Timestamp);
                var arg = OneArgument(call, receiver, CqlType.Timeuuid, bindings);
                return Computed([arg], v => v[0] is null ? null : Long(TimeUuid.UnixMillis(v[0])));
            }
            default:
                throw new InvalidRequestException($"Unknown function {call.Name.ToCql()} called");
        }
    }

    private static Term Computed(List<Term> args, Func<byte[]?[], byte[]?> f) => new ComputedTerm(args, (v, _) => f(v));

    private static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] RandomUuid()
    {
        var bytes = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return bytes;
    }

    private static void NoArguments(RawFunctionCall call)
    {
        if (call.Arguments.Count != 0)
            throw new InvalidRequestException($"Invalid number of arguments in call to function {call.Name.Name}: 0 required but {call.Arguments.Count} provided");
    }

    private static Term OneArgument(RawFunctionCall call, ColumnSpecification receiver, CqlType argType, BindVariables bindings)
    {
        if (call.Arguments.Count != 1)
            throw new InvalidRequestException($"Invalid number of arguments in call to function {call.Name.Name}: 1 required but {call.Arguments.Count} provided");
        return TermPreparer.Prepare(call.Arguments[0], receiver with { Name = "arg0", Type = argType }, bindings);
    }

    private static void Returns(RawFunctionCall call, ColumnSpecification receiver, CqlType returnType)
    {
        bool ok = receiver.Type.Equals(returnType)
            || (returnType.Kind == CqlTypeKind.Timeuuid && receiver.Type.Kind == CqlTypeKind.Uuid);
        if (!ok)
            throw new InvalidRequestException($"Type error: cannot assign result of function {call.Name.ToCql()} (type {returnType.CqlName}) to {receiver.Name} (type {receiver.Type.CqlName})");
    }
}
