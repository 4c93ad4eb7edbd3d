using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>Builds the strategy the table's <c>compaction</c> option names.</summary>
public static class CompactionStrategies
{
    public static ICompactionStrategy Create(TableStoreOptions options) => options.CompactionClass switch
    {
        "LeveledCompactionStrategy" => new LeveledCompactionStrategy(options),
        "TimeWindowCompactionStrategy" => new TimeWindowCompactionStrategy(options),
        // UnifiedCompactionStrategy (5.0) falls back to size tiering, its behaviour at the default scaling parameters.
        _ => new SizeTieredCompactionStrategy(options),
    };
}
