using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// Merges a set of SSTables into new ones: partitions merged in token order through <see cref="CompactedPartition"/>,
/// outputs rolled at the candidate's size, written under the throughput limit, recorded in a
/// <see cref="CompactionLog"/> so a crash at any point leaves one consistent set.
/// </summary>
internal sealed class CompactionTask
{
    private readonly CompactionCandidate _candidate;
    private readonly ClusteringComparator _comparator;
    private readonly TableStoreOptions _options;
    private readonly Func<SSTableDescriptor> _nextDescriptor;
    private readonly Func<DecoratedKey, long> _maxPurgeableTimestamp;

    public CompactionTask(CompactionCandidate candidate, ClusteringComparator comparator, TableStoreOptions options,
        Func<SSTableDescriptor> nextDescriptor, Func<DecoratedKey, long> maxPurgeableTimestamp)
    {
        _candidate = candidate;
        _comparator = comparator;
        _options = options;
        _nextDescriptor = nextDescriptor;
        _maxPurgeableTimestamp = maxPurgeableTimestamp;
    }

    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    /// <summary>Writes the outputs and commits the log; the caller swaps them in and then calls <see cref="CompactionLog.Complete"/>.</summary>
    public (List<SSTableReader> Outputs, CompactionLog Log) Run(string directory, int logId, CancellationToken cancellationToken)
    {
        var inputs = _candidate.Inputs;
        var log = CompactionLog.Begin(directory, logId, inputs.Select(s => s.Descriptor));
        var outputs = new List<SSTableReader>();
        SSTableWriter? writer = null;
        try
        {
            int now = _options.NowInSeconds();
            int gcBefore = (int)Math.Max(int.MinValue, (long)now - _options.GcGraceSeconds);
            long expected = inputs.Sum(s => s.Statistics.PartitionCount);
            var throttle = _options.Throttle;
            long written = 0;
            var sources = inputs.Select(s => s.Scan(null, null)).ToList();
            foreach (var group in PartitionMerger.MergePartitions(sources))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (writer is null)
                {
                    var descriptor = _nextDescriptor();
                    log.AddOutput(descriptor);
                    writer = new SSTableWriter(descriptor, _comparator, _options.WriterOptions(_candidate.OutputLevel), expected);
                    written = 0;
                }
                writer.Append(new CompactedPartition(group, _comparator, now, gcBefore, _maxPurgeableTimestamp));
                long size = writer.OnDiskDataSize;
                throttle?.Acquire(size - written, cancellationToken);
                written = size;
                if (size >= _candidate.MaxOutputBytes)
                {
                    Finish(writer, outputs);
                    writer = null;
                }
            }
            if (writer is not null) Finish(writer, outputs);
            writer = null;
            BytesRead = inputs.Sum(s => s.DataSize);
            BytesWritten = outputs.Sum(s => s.DataSize);
            log.Commit();
            return (outputs, log);
        }
        catch
        {
            writer?.Abort();
            foreach (var output in outputs)
            {
                SSTableReader.DeleteFiles(output.Descriptor);
                output.MarkObsolete();
            }
            log.Complete();
            throw;
        }
    }

    private void Finish(SSTableWriter writer, List<SSTableReader> outputs)
    {
        var reader = writer.Finish(_comparator);
        if (reader is not null) outputs.Add(reader);
    }
}
