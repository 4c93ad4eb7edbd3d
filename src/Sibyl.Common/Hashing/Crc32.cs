namespace Sibyl.Common.Hashing;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of java.util.zip.CRC32 that
/// Cassandra uses for commit log and native protocol v5 frames. Slicing-by-8 over a shared
/// immutable table.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = CrcTables.Build(0xEDB88320u);

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => CrcTables.Update(Table, crc, data);
}
