using System.Buffers.Binary;

namespace Sibyl.Common.Hashing;

/// <summary>Slicing-by-8 tables and update loop shared by the reflected CRC-32 variants.</summary>
internal static class CrcTables
{
    public static uint[] Build(uint polynomial)
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1;
            table[i] = c;
        }

        for (int t = 1; t < 8; t++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint prev = table[(t - 1) * 256 + i];
                table[t * 256 + i] = (prev >> 8) ^ table[prev & 0xFF];
            }
        }

        return table;
    }

    public static uint Update(uint[] table, uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        while (data.Length >= 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(4));
            c = table[7 * 256 + (lo & 0xFF)] ^ table[6 * 256 + ((lo >> 8) & 0xFF)]
              ^ table[5 * 256 + ((lo >> 16) & 0xFF)] ^ table[4 * 256 + (lo >> 24)]
              ^ table[3 * 256 + (hi & 0xFF)] ^ table[2 * 256 + ((hi >> 8) & 0xFF)]
              ^ table[1 * 256 + ((hi >> 16) & 0xFF)] ^ table[hi >> 24];
            data = data.Slice(8);
        }

        foreach (byte b in data)
            c = (c >> 8) ^ table[(c ^ b) & 0xFF];
        return ~c;
    }
}
