namespace Sibyl.Schema;

/// <summary>system_schema.columns.clustering_order: asc/desc for clustering columns, none for the others.</summary>
public enum ClusteringOrder
{
    None,
    Asc,
    Desc,
}
