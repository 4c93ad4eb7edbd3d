namespace Sibyl.Stress;

/// <summary>The operations a workload issues; each has its own latency histogram.</summary>
public enum OperationKind
{
    Write = 0,
    Read = 1,
}
