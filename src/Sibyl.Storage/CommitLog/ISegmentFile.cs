namespace Sibyl.Storage.CommitLog;

/// <summary>
/// One open commit log segment file. Writes are positional and may come from many threads at once;
/// <see cref="Sync"/> makes everything written so far durable (fsync). Tests replace it with a fake whose
/// fsync they control.
/// </summary>
public interface ISegmentFile : IDisposable
{
    void Write(long offset, ReadOnlySpan<byte> data);

    void Sync();

    /// <summary>Writes zeros over the first <paramref name="size"/> bytes and makes them durable.</summary>
    void Preallocate(int size);
}
