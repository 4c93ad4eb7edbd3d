using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>A statement the server has prepared: its id, bind variables, partition key indexes and result columns.</summary>
public sealed class PreparedStatement
{
    internal PreparedStatement(string query, PreparedResultMessage prepared)
    {
        Query = query;
        Id = prepared.Id;
        Variables = new CqlColumns(prepared.Variables);
        PartitionKeyIndexes = prepared.PartitionKeyIndexes;
        ResultColumns = new CqlColumns(prepared.ResultMetadata.Columns);
    }

    public string Query { get; }

    /// <summary>The server's id (MD5 of the query and keyspace in Cassandra).</summary>
    public byte[] Id { get; }

    public CqlColumns Variables { get; }

    /// <summary>Bind variable index of each partition key column, in key order; empty when the key is not fully bound.</summary>
    public IReadOnlyList<ushort> PartitionKeyIndexes { get; }

    public CqlColumns ResultColumns { get; }

    /// <summary>Serializes <paramref name="values"/> by the bind variables' types.</summary>
    public byte[]?[] Bind(IReadOnlyList<object?> values)
    {
        if (values.Count != Variables.Count)
            throw new ArgumentException($"The statement has {Variables.Count} bind variables, {values.Count} values were given", nameof(values));
        var bound = new byte[]?[values.Count];
        for (int i = 0; i < bound.Length; i++)
            bound[i] = CqlValueCodec.Encode(Variables[i].Type, values[i]);
        return bound;
    }
}
