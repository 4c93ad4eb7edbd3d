namespace Sibyl.Storage.Tests;

public class BackgroundThreadPriorityTests
{
    [Fact]
    public void Lowers_only_the_calling_thread()
    {
        if (!OperatingSystem.IsLinux()) return;
        int before = NiceOfCurrentThread(), lowered = 0;
        var thread = new Thread(() =>
        {
            BackgroundThreadPriority.LowerCurrentThread(BackgroundThreadPriority.Compaction);
            lowered = NiceOfCurrentThread();
        });
        thread.Start();
        thread.Join();
        Assert.Equal(Math.Max(before, BackgroundThreadPriority.Compaction), lowered);
        Assert.Equal(before, NiceOfCurrentThread());
    }

    // Field 19 of /proc/thread-self/stat; the command name (field 2) is in parentheses and may hold spaces.
    private static int NiceOfCurrentThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
