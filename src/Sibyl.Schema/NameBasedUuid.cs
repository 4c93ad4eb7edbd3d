using System.Security.Cryptography;

namespace Sibyl.Schema;

/// <summary>Java's UUID.nameUUIDFromBytes: an MD5, version 3 UUID.</summary>
public static class NameBasedUuid
{
    public static Guid Create(ReadOnlySpan<byte> name)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
