using System.Runtime.InteropServices;

namespace Sibyl.Storage.Tables;

/// <summary>Hard links for snapshots (link(2)); copies when the target is on another file system.</summary>
internal static partial class HardLinks
{
    public static void LinkOrCopy(string source, string target)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            if (Link(source, target) == 0) return;
        }
        File.Copy(source, target);
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
