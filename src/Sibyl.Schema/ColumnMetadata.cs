using System.Text;
using Sibyl.Data.Types;

namespace Sibyl.Schema;

/// <summary>One column of a table: name, type, kind, position within its kind and clustering order.</summary>
public sealed record ColumnMetadata(string Name, CqlType Type, ColumnKind Kind, int Position, ClusteringOrder Order)
{
    public bool IsPrimaryKey => Kind is ColumnKind.PartitionKey or ColumnKind.Clustering;

    public bool IsStatic => Kind == ColumnKind.Static;

    public bool IsReversed => Order == ClusteringOrder.Desc;

    public byte[] NameBytes => Encoding.UTF8.GetBytes(Name);

    /// <summary>The name as CQL must quote it in messages and DESCRIBE output.</summary>
    public string CqlName => Identifiers.Quote(Name);
}
