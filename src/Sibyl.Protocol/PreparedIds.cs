using System.Collections.Concurrent;

namespace Sibyl.Protocol;

/// <summary>
/// The prepared statement ids EXECUTE frames name, kept once: a driver sends the same few ids over and over, and
/// decoding each into a fresh array was garbage on every request. Ids are immutable content (MD5 digests).
/// </summary>
internal static class PreparedIds
{
    private const int Capacity = 4_096;
    private static readonly ConcurrentDictionary<Guid, byte[]> Known = new();

    public static byte[] Intern(ReadOnlySpan<byte> id)
    {
        if (id.Length != 16) return id.ToArray(); // not one of ours: the lookup of the statement will refuse it
        var key = new Guid(id);
        if (Known.TryGetValue(key, out var known)) return known;
        if (Known.Count >= Capacity) Known.Clear(); // a bound against clients sending endless made-up ids
        return Known.GetOrAdd(key, id.ToArray());
    }
}
