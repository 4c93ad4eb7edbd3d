using Sibyl.Data.Partitioning;

namespace Sibyl.Replica.Counters;

/// <summary>
/// A fixed set of async locks chosen by partition key (Cassandra's counter lock stripes): updates of one
/// partition are serialised, updates of different partitions mostly run in parallel, and memory stays bounded.
/// </summary>
public sealed class StripedLocks
{
    private readonly SemaphoreSlim[] _stripes;

    public StripedLocks(int stripes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        _stripes = new SemaphoreSlim[stripes];
        for (int i = 0; i < stripes; i++) _stripes[i] = new SemaphoreSlim(1, 1);
    }

    public int Count => _stripes.Length;

    public int StripeOf(DecoratedKey key) => (int)((ulong)key.Token.Value % (ulong)_stripes.Length);

    /// <summary>Waits for the key's stripe; dispose the result to release it.</summary>
    public async ValueTask<Releaser> AcquireAsync(DecoratedKey key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[StripeOf(key)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    public readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
