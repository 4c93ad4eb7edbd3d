using System.Runtime.InteropServices;

namespace Sibyl.Storage;

/// <summary>
/// Lowers the scheduling priority (raises the nice value) of the calling thread, for background work that
/// must yield the CPU to requests: with two cores shared by clients, flushes and compactions at the same
/// priority as request threads show up directly in request tail latency. .NET's Thread.Priority does nothing
/// on Linux, so this calls setpriority on the thread id. Only for dedicated threads: a thread cannot raise its
/// priority back without privileges, so it must not return to a pool. A no-op outside Linux or on failure.
/// </summary>
public static partial class BackgroundThreadPriority
{
    /// <summary>Compaction: nice 10, about a tenth of a core when requests want all of it, everything otherwise.</summary>
    public const int Compaction = 10;

    /// <summary>Flush: nice 5, a larger share than compaction, since memtables wait on it and hold memory.</summary>
    public const int Flush = 5;

    private const int PrioProcess = 0; // PRIO_PROCESS: with a thread id, applies to that thread only on Linux

    /// <summary>Sets the calling thread's nice value to at least <paramref name="niceness"/>.</summary>
    public static void LowerCurrentThread(int niceness)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            int tid = GetTid();
            // Never raises priority: a node started under nice keeps at least its own nice value.
            _ = SetPriority(PrioProcess, tid, Math.Max(niceness, GetPriority(PrioProcess, tid)));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // an unusual libc: background work keeps the normal priority
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "getpriority")]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int prio);
}
