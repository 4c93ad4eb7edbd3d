namespace Sibyl.Storage.CommitLog;

/// <summary>Where commit log segments live: the real directory, or an in-memory one in tests.</summary>
public interface ICommitLogDirectory
{
    /// <summary>File names (not paths) of every file in the directory.</summary>
    IReadOnlyList<string> List();

    /// <summary>Creates a new, empty segment file (fails if it exists).</summary>
    ISegmentFile Create(string name);

    byte[] ReadAll(string name);

    void Delete(string name);

    /// <summary>Replaces <paramref name="name"/> with <paramref name="content"/> atomically and durably.</summary>
    void WriteAtomic(string name, ReadOnlySpan<byte> content);

    /// <summary>A name to show in logs (the full path for files).</summary>
    string Describe(string name);
}
