using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>Builds the partition key of a row from its partition key column values (composite when more than one).</summary>
public static class PartitionKeys
{
    public static DecoratedKey Decorate(byte[][] components) =>
        Decorate(components.Length == 1 ? components[0] : CompositeKey.Build(components));

    /// <summary>A serialized partition key (a one-column key is its value) with its token.</summary>
    public static DecoratedKey Decorate(byte[] key) => new(Murmur3Partitioner.GetToken(key), key);

    /// <summary>The partition key column values of a serialized key.</summary>
    public static byte[][] Split(byte[] key, int componentCount) =>
        componentCount == 1 ? [key] : [.. CompositeKey.Split(key)];
}
