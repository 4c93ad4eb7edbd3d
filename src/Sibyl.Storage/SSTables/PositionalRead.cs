using Microsoft.Win32.SafeHandles;

namespace Sibyl.Storage.SSTables;

/// <summary>Positional reads of SSTable components, which may return fewer bytes than asked.</summary>
internal static class PositionalRead
{
    /// <summary>Reads into <paramref name="buffer"/> until at least <paramref name="minimum"/> bytes or the end of
    /// the file; returns the bytes read.</summary>
    public static int ReadAtLeast(SafeFileHandle file, Span<byte> buffer, long offset, int minimum)
    {
        int read = 0;
        while (read < minimum)
        {
            int n = RandomAccess.Read(file, buffer[read..], offset + read);
            if (n == 0) break;
            read += n;
        }
        return read;
    }
}
