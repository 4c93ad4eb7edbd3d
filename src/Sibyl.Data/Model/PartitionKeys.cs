using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>Builds the partition key of a row from its partition key column values (composite when more than one).</summary>
public static class PartitionKeys
{
    public static DecoratedKey Decorate(byte[][] components)
    {
        byte[] key = components.Length == 1 ? components[0] : CompositeKey.Build(components);
        return new DecoratedKey(Murmur3Partitioner.GetToken(key), key);
    }

    /// <summary>The partition key column values of a serialized key.</summary>
    public static byte[][] Split(byte[] key, int componentCount) =>
        componentCount == 1 ? [key] : [.. CompositeKey.Split(key)];
}
