using System.Threading.Tasks.Sources;
using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>
/// The reusable completion of one stream id. A slot is shared by two owners: the caller awaiting the response
/// and the wire (the response that will eventually arrive). The id goes back to the free list only when both
/// are done, so a late response to a timed-out request can never complete a newer request on the same id.
/// </summary>
internal sealed class StreamSlot : IValueTaskSource<Message>
{
    private const int Idle = 0, Waiting = 1, Completed = 2;

    private readonly CqlConnection _owner;
    private ManualResetValueTaskSourceCore<Message> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;
    private int _references;
    private CancellationTokenRegistration _cancellation;

    public StreamSlot(CqlConnection owner, short stream)
    {
        _owner = owner;
        Stream = stream;
    }

    public short Stream { get; }

    /// <summary>Stopwatch timestamp after which the request fails with a timeout.</summary>
    public long Deadline { get; private set; }

    public bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    public ValueTask<Message> Start(long deadline, CancellationToken cancellationToken)
    {
        _core.Reset();
        Deadline = deadline;
        _references = 2;
        Volatile.Write(ref _state, Waiting);
        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
                ((StreamSlot)state!).TrySetException(new OperationCanceledException(token)), this);
        return new ValueTask<Message>(this, _core.Version);
    }

    public bool TrySetResult(Message message)
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Waiting) != Waiting)
            return false;
        _core.SetResult(message);
        return true;
    }

    public bool TrySetException(Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Waiting) != Waiting)
            return false;
        _core.SetException(error);
        return true;
    }

    /// <summary>The response for this stream arrived (or will never arrive because the request was not sent).</summary>
    public void OnResponse(Message? message)
    {
        if (Volatile.Read(ref _state) == Idle)
            throw new Sibyl.Common.Errors.ProtocolException($"Response on stream {Stream}, which has no request in flight");
        if (message is not null)
            TrySetResult(message);
        Release();
    }

    public Message GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _cancellation.Dispose();
            _cancellation = default;
            Release();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Volatile.Write(ref _state, Idle);
            _owner.ReturnStream(Stream);
        }
    }
}
