using Sibyl.Data.Model;

namespace Sibyl.Storage.Tests.Tables;

// The shared read/write suites, run against TableStores whose data sits in SSTables (one per write), in
// SSTables mixed with a memtable, and after major compactions.

public sealed class SliceTestsOnSSTables : SliceTests, IDisposable
{
    private readonly StoresToDispose _stores = new();
    protected override IStoreUnderTest Create(ClusteringComparator comparator) => _stores.Add(new TableStoreUnderTest(comparator, 1, false));
    public void Dispose() => _stores.Dispose();
}

public sealed class DeletionTestsOnSSTables : DeletionTests, IDisposable
{
    private readonly StoresToDispose _stores = new();
    protected override IStoreUnderTest Create(ClusteringComparator comparator) => _stores.Add(new TableStoreUnderTest(comparator, 1, false));
    public void Dispose() => _stores.Dispose();
}

public sealed class DeletionTestsOnCompactedSSTables : DeletionTests, IDisposable
{
    private readonly StoresToDispose _stores = new();
    protected override IStoreUnderTest Create(ClusteringComparator comparator) => _stores.Add(new TableStoreUnderTest(comparator, 1, true));
    public void Dispose() => _stores.Dispose();
}

public sealed class RangeReadTestsOnSSTablesAndMemtable : RangeReadTests, IDisposable
{
    private readonly StoresToDispose _stores = new();
    protected override IStoreUnderTest Create(ClusteringComparator comparator) => _stores.Add(new TableStoreUnderTest(comparator, 2, false));
    public void Dispose() => _stores.Dispose();
}

public sealed class ReconciliationPropertyTestsOnSSTables : ReconciliationPropertyTests, IDisposable
{
    private readonly StoresToDispose _stores = new();
    protected override IStoreUnderTest Create(ClusteringComparator comparator) => _stores.Add(new TableStoreUnderTest(comparator, 10, false));
    public void Dispose() => _stores.Dispose();
}
