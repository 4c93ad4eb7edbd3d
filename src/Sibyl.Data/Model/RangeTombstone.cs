namespace Sibyl.Data.Model;

/// <summary>A deletion of every row of a partition within a clustering slice (DELETE with a clustering range).</summary>
public sealed record RangeTombstone(Slice Slice, DeletionTime Deletion);
