using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.Serialization;

namespace Sibyl.Replica.Paxos;

/// <summary>
/// The replica side of Paxos (Cassandra's PaxosState): promises, accepts and commits ballots for one partition
/// of one table, keeping its state in system.paxos so that it survives restarts (through the commit log).
/// Calls for the same partition are serialised by a striped lock; the coordinator's proposer reaches it
/// directly on this node and through messaging on others.
/// </summary>
public sealed class PaxosAcceptor
{
    private readonly IReplicaStore _store;
    private readonly Func<Mutation, ValueTask> _applyCommit;
    private readonly object[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new object())];

    public PaxosAcceptor(IReplicaStore store, Func<Mutation, ValueTask> applyCommit)
    {
        _store = store;
        _applyCommit = applyCommit;
    }

    private static int CompareBallots(byte[]? a, byte[]? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : CqlType.Timeuuid.Compare(a, b);

    private object LockFor(DecoratedKey key, Guid tableId) => _locks[(int)((uint)HashCode.Combine(key.Token.Value, tableId) % _locks.Length)];

    public PrepareResponse Prepare(Guid tableId, DecoratedKey key, byte[] ballot)
    {
        lock (LockFor(key, tableId))
        {
            var state = Load(tableId, key);
            if (CompareBallots(ballot, state.Promised) <= 0)
                return new PrepareResponse(false, state.Accepted, state.MostRecentCommit, state.Promised);
            Save(tableId, key, ballot, PaxosColumns.InProgressBallot);
            return new PrepareResponse(true, state.Accepted, state.MostRecentCommit, ballot);
        }
    }

    public bool Propose(Guid tableId, DecoratedKey key, Commit proposal)
    {
        lock (LockFor(key, tableId))
        {
            var state = Load(tableId, key);
            if (CompareBallots(proposal.Ballot, state.Promised) < 0) return false;
            var update = NewUpdate(tableId, key);
            long ts = TimestampOf(proposal.Ballot);
            update.Add(Row.Create(Clustering(tableId), LivenessInfo.Empty, DeletionTime.Live,
            [
                Cell.Live(PaxosColumns.Proposal, MutationSerializer.Serialize(proposal.Update), ts),
                Cell.Live(PaxosColumns.ProposalBallot, proposal.Ballot, ts),
            ]));
            ApplyState(update);
            return true;
        }
    }

    public async ValueTask CommitAsync(Guid tableId, DecoratedKey key, Commit commit)
    {
        // The data first: a crash between the two replays the commit from the accepted proposal.
        if (commit.Update.Updates.Count > 0) await _applyCommit(commit.Update).ConfigureAwait(false);
        lock (LockFor(key, tableId))
        {
            var state = Load(tableId, key);
            if (CompareBallots(commit.Ballot, state.MostRecentCommit?.Ballot) <= 0) return;
            long ts = TimestampOf(commit.Ballot);
            var update = NewUpdate(tableId, key);
            update.Add(Row.Create(Clustering(tableId), LivenessInfo.Empty, DeletionTime.Live,
            [
                Cell.Live(PaxosColumns.MostRecentCommit, MutationSerializer.Serialize(commit.Update), ts),
                Cell.Live(PaxosColumns.MostRecentCommitAt, commit.Ballot, ts),
                // The accepted proposal is done with once committed.
                Cell.Tombstone(PaxosColumns.Proposal, ts, (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
                Cell.Tombstone(PaxosColumns.ProposalBallot, ts, (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            ]));
            ApplyState(update);
        }
    }

    private sealed record State(byte[]? Promised, Commit? Accepted, Commit? MostRecentCommit);

    private static DecoratedKey StateKey(DecoratedKey key) => Murmur3Partitioner.Decorate(key.Key);

    private static Clustering Clustering(Guid tableId) => new([CqlType.Uuid.Decompose(tableId)]);

    private static PartitionUpdate NewUpdate(Guid tableId, DecoratedKey key) => new(SystemKeyspaces.Paxos.Id, StateKey(key));

    /// <summary>Microseconds since the epoch of a time UUID ballot: its writes carry this timestamp.</summary>
    public static long TimestampOf(byte[] ballot) => UuidBytes.UnixMicros(ballot);

    private void Save(Guid tableId, DecoratedKey key, byte[] value, string column)
    {
        var update = NewUpdate(tableId, key);
        update.Add(Row.Create(Clustering(tableId), LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Live(column, value, TimestampOf(value))]));
        ApplyState(update);
    }

    private void ApplyState(PartitionUpdate update)
    {
        var mutation = new Mutation(SystemKeyspaces.Paxos.Keyspace, update.Key);
        var target = mutation.GetOrAdd(update.TableId);
        foreach (var row in update.Rows) target.Add(row);
        // Paxos state must be durable before the acceptor answers: wait for the commit log.
        _store.ApplyAsync(mutation).AsTask().GetAwaiter().GetResult();
    }

    private State Load(Guid tableId, DecoratedKey key)
    {
        var table = SystemKeyspaces.Paxos;
        var filter = new ClusteringIndexFilter([Slice.ForPrefix(Clustering(tableId).Values)], false);
        var now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var data = _store.Read(new SinglePartitionReadCommand(table.Id, StateKey(key), filter, DataLimits.None, now));
        var row = data.Count > 0 && data[0].Rows.Count > 0 ? data[0].Rows[0] : null;
        byte[]? Value(string column)
        {
            var cell = row?.GetCell(column);
            return cell is not null && !cell.IsTombstone ? cell.Value : null;
        }
        Commit? CommitOf(string updateColumn, string ballotColumn) =>
            Value(updateColumn) is { } bytes && Value(ballotColumn) is { } ballot ? new Commit(ballot, MutationSerializer.Deserialize(bytes)) : null;
        return new State(Value(PaxosColumns.InProgressBallot), CommitOf(PaxosColumns.Proposal, PaxosColumns.ProposalBallot),
            CommitOf(PaxosColumns.MostRecentCommit, PaxosColumns.MostRecentCommitAt));
    }
}

/// <summary>Column names of system.paxos.</summary>
internal static class PaxosColumns
{
    public const string InProgressBallot = "in_progress_ballot";
    public const string Proposal = "proposal";
    public const string ProposalBallot = "proposal_ballot";
    public const string MostRecentCommit = "most_recent_commit";
    public const string MostRecentCommitAt = "most_recent_commit_at";
}
