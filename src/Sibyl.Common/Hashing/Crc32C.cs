namespace Sibyl.Common.Hashing;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as java.util.zip.CRC32C used by
/// Cassandra 4.x for SSTable and messaging checksums.
/// </summary>
public static class Crc32C
{
    private static readonly uint[] Table = CrcTables.Build(0x82F63B78u);

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data) => CrcTables.Update(Table, crc, data);
}
