using Sibyl.Common;

namespace Sibyl.Protocol;

/// <summary>QUERY: CQL text with its parameters.</summary>
public sealed class QueryMessage(string query, QueryOptions options) : RequestMessage
{
    public string Query { get; } = query;

    public QueryOptions Options { get; } = options;

    public override Opcode Opcode => Opcode.Query;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfLongString(Query) + QueryOptionsCodec.ComputeSize(Options);

    public override void WriteBody(ref CqlWriter writer, byte version)
    {
        writer.WriteLongString(Query);
        QueryOptionsCodec.Write(ref writer, Options);
    }

    public static QueryMessage Decode(ref CqlReader reader, byte version)
    {
        string query = reader.ReadLongString();
        return new QueryMessage(query, QueryOptionsCodec.Read(ref reader, version));
    }
}
