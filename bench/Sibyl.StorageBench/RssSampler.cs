using System.Diagnostics;
using System.Globalization;

namespace Sibyl.StorageBench;

/// <summary>
/// Samples the process's resident set size (VmRSS in /proc/self/status) once a second on its own thread,
/// together with a progress figure the scenario supplies. Linux only, as the node is.
/// </summary>
internal sealed class RssSampler : IDisposable
{
    private readonly Func<long> _progress;
    private readonly TimeSpan _interval;
    private readonly List<RssSample> _samples = [];
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread _thread;

    public RssSampler(Func<long> progress, TimeSpan interval)
    {
        _progress = progress;
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling (after one last sample) and returns every sample taken.</summary>
    public IReadOnlyList<RssSample> Stop()
    {
        _stop.Set();
        _thread.Join();
        lock (_samples) return [.. _samples];
    }

    public void Dispose()
    {
        if (_thread.IsAlive) Stop();
        _stop.Dispose();
    }

    private void Run()
    {
        do
        {
            var sample = new RssSample(_clock.Elapsed.TotalSeconds, _progress(), ReadStatusBytes("VmRSS:"), GC.GetTotalMemory(false));
            lock (_samples) _samples.Add(sample);
        }
        while (!_stop.Wait(_interval));
        lock (_samples) _samples.Add(new RssSample(_clock.Elapsed.TotalSeconds, _progress(), ReadStatusBytes("VmRSS:"), GC.GetTotalMemory(false)));
    }

    /// <summary>A "kB" field of /proc/self/status in bytes (VmRSS, VmHWM), or -1 where the file does not exist.</summary>
    public static long ReadStatusBytes(string field)
    {
        if (!File.Exists("/proc/self/status")) return -1;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var parts = line.AsSpan(field.Length).Trim();
            int space = parts.IndexOf(' ');
            var digits = space < 0 ? parts : parts[..space];
            return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }
}
