using Microsoft.Extensions.Logging;
using Sibyl.Host.Lifecycle;
using Sibyl.Host.Logging;

namespace Sibyl.Host.Tests;

public class NodeRunnerTests
{
    private sealed class RecordingService(string name, List<string> journal, bool failStart = false, bool failStop = false) : INodeService
    {
        public string Name => name;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (failStart)
                throw new InvalidOperationException($"{name} cannot start");
            lock (journal) journal.Add("start " + name);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            lock (journal) journal.Add("stop " + name);
            if (failStop)
                throw new InvalidOperationException($"{name} cannot stop");
        }
    }

    private static (SibylLoggerFactory, StringWriter) Logs()
    {
        var console = new StringWriter();
        return (new SibylLoggerFactory(new SibylLoggerProvider(LogLevel.Debug, console, null)), console);
    }

    [Fact]
    public async Task StartsInOrderAndStopsInReverse()
    {
        var journal = new List<string>();
        (SibylLoggerFactory logs, _) = Logs();
        var runner = new NodeRunner([new RecordingService("a", journal), new RecordingService("b", journal), new RecordingService("c", journal)], logs);
        await runner.StartAsync(CancellationToken.None);
        Assert.Equal(["a", "b", "c"], runner.Started.Select(s => s.Name));
        await runner.StopAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None); // idempotent
        Assert.Equal(["start a", "start b", "start c", "stop c", "stop b", "stop a"], journal);
        Assert.Empty(runner.Started);
    }

    [Fact]
    public async Task AFailingStopIsLoggedAndTheOthersStillStop()
    {
        var journal = new List<string>();
        (SibylLoggerFactory logs, StringWriter console) = Logs();
        var runner = new NodeRunner([new RecordingService("a", journal), new RecordingService("b", journal, failStop: true)], logs);
        await runner.StartAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None);
        Assert.Equal(["start a", "start b", "stop b", "stop a"], journal);
        Assert.Contains("ERROR", console.ToString());
        Assert.Contains("Error while stopping b", console.ToString());
        Assert.Contains("b cannot stop", console.ToString());
    }

    [Fact]
    public async Task AFailedStartStopsWhatHadStartedAndRethrows()
    {
        var journal = new List<string>();
        (SibylLoggerFactory logs, _) = Logs();
        var runner = new NodeRunner([new RecordingService("a", journal), new RecordingService("b", journal, failStart: true), new RecordingService("c", journal)], logs);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync(CancellationToken.None));
        Assert.Equal(["start a", "stop a"], journal);
    }

    [Fact]
    public async Task RunReturnsZeroAfterACleanShutdown()
    {
        var journal = new List<string>();
        (SibylLoggerFactory logs, _) = Logs();
        var runner = new NodeRunner([new RecordingService("a", journal), new RecordingService("b", journal)], logs);
        bool started = false;
        Task<int> run = runner.RunAsync(() => { started = true; runner.RequestShutdown(); }, CancellationToken.None);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(started);
        Assert.Equal(["start a", "start b", "stop b", "stop a"], journal);
    }

    [Fact]
    public async Task RunStopsWhenCancelledAndReturnsOneWhenStartFails()
    {
        var journal = new List<string>();
        (SibylLoggerFactory logs, _) = Logs();
        using var cts = new CancellationTokenSource();
        var runner = new NodeRunner([new RecordingService("a", journal)], logs);
        Task<int> run = runner.RunAsync(cts.Cancel, cts.Token);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["start a", "stop a"], journal);

        var failing = new NodeRunner([new RecordingService("x", journal, failStart: true)], logs);
        Assert.Equal(1, await failing.RunAsync(() => Assert.Fail("must not report started"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
