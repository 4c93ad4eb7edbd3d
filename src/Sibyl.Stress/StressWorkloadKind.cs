namespace Sibyl.Stress;

/// <summary>The load <c>sibyl stress</c> generates.</summary>
public enum StressWorkloadKind
{
    /// <summary>Single-row INSERTs of one value per key.</summary>
    Write,

    /// <summary>SELECT of one row by key.</summary>
    Read,

    /// <summary>Writes and reads of the standard table in the --ratio proportion.</summary>
    Mixed,

    /// <summary>Appends to time series and reads of each series' newest --slice-size points, in the --ratio proportion.</summary>
    TimeseriesSlice,
}
