namespace Sibyl.Storage.CommitLog;

/// <summary>What start-up replay found: segments read, mutations applied, and any damaged files.</summary>
public sealed record CommitLogReplayResult(int Segments, long Mutations, long SkippedBytes, IReadOnlyList<string> DamagedFiles, TimeSpan Elapsed);
