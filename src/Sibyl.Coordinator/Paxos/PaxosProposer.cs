using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql;
using Sibyl.Cql.Functions;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Replica.Paxos;
using Sibyl.Schema;

namespace Sibyl.Coordinator.Paxos;

/// <summary>
/// The coordinator side of Paxos (Cassandra's StorageProxy.cas): prepare a ballot, finish any proposal a
/// previous coordinator left accepted but uncommitted, read, check the condition, propose, commit. On a ring of
/// one node the only acceptor is the local one; the rounds are the same with more replicas behind messaging.
/// </summary>
public sealed class PaxosProposer
{
    private const int MaxAttempts = 100;
    private readonly PaxosAcceptor _acceptor;
    private readonly ITimeSource _clock;
    private long _lastBallotMicros;

    public PaxosProposer(PaxosAcceptor acceptor, ITimeSource clock)
    {
        _acceptor = acceptor;
        _clock = clock;
    }

    public async ValueTask<CasOutcome> CasAsync(TableMetadata table, SinglePartitionReadCommand read,
        Func<SinglePartitionReadCommand, ValueTask<IReadOnlyList<PartitionData>>> readCurrent,
        Func<IReadOnlyList<PartitionData>, bool> condition, Func<long, IReadOnlyList<Mutation>> update,
        ConsistencyLevel commitConsistency, CancellationToken cancellationToken)
    {
        long minMicros = 0;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ballot = NextBallot(minMicros);
            var promise = _acceptor.Prepare(table.Id, read.Key, ballot);
            if (!promise.Promised)
            {
                // Someone holds a newer ballot: retry above it, after a short randomised pause to avoid livelock.
                minMicros = PaxosAcceptor.TimestampOf(promise.PromisedBallot!) + 1;
                await Task.Delay(Random.Shared.Next(0, 2 + attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (promise.MostRecentCommit is { } last && CqlType.Timeuuid.Compare(last.Ballot, ballot) >= 0)
            {
                minMicros = PaxosAcceptor.TimestampOf(last.Ballot) + 1;
                continue;
            }
            if (promise.InProgress is { } accepted
                && (promise.MostRecentCommit is null || CqlType.Timeuuid.Compare(accepted.Ballot, promise.MostRecentCommit.Ballot) > 0))
            {
                // A proposal was accepted but never committed: complete it under our ballot, then start again.
                var repair = new Commit(ballot, accepted.Update);
                if (_acceptor.Propose(table.Id, read.Key, repair))
                    await _acceptor.CommitAsync(table.Id, read.Key, repair).ConfigureAwait(false);
                continue;
            }

            var current = await readCurrent(read).ConfigureAwait(false);
            if (!condition(current))
                return new CasOutcome(false, current);

            var mutations = update(PaxosAcceptor.TimestampOf(ballot));
            var proposal = new Commit(ballot, Merge(table.Keyspace, read, mutations));
            if (!_acceptor.Propose(table.Id, read.Key, proposal))
                continue;
            await _acceptor.CommitAsync(table.Id, read.Key, proposal).ConfigureAwait(false);
            _ = commitConsistency;
            return new CasOutcome(true, current);
        }
        throw new WriteTimeoutException(ConsistencyLevel.Serial, 0, 1, WriteType.CAS);
    }

    /// <summary>A ballot: a time UUID later than every ballot this proposer made and than <paramref name="minMicros"/>.</summary>
    private byte[] NextBallot(long minMicros)
    {
        long micros = Math.Max(_clock.NowMicros(), minMicros);
        while (true)
        {
            long last = Interlocked.Read(ref _lastBallotMicros);
            long next = Math.Max(micros, last + 1);
            if (Interlocked.CompareExchange(ref _lastBallotMicros, next, last) == last)
                return TimeUuid.Create(next);
        }
    }

    private static Mutation Merge(string keyspace, SinglePartitionReadCommand read, IReadOnlyList<Mutation> mutations)
    {
        if (mutations.Count == 1) return mutations[0];
        var merged = new Mutation(keyspace, read.Key);
        foreach (var m in mutations)
            foreach (var update in m.Updates)
                merged.GetOrAdd(update.TableId).MergeFrom(update);
        return merged;
    }
}
