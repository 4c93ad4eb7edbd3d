namespace Sibyl.Common.Errors;

/// <summary>The write_type string of WriteTimeout/WriteFailure errors; names are the wire strings.</summary>
public enum WriteType
{
    SIMPLE,
    BATCH,
    UNLOGGED_BATCH,
    COUNTER,
    BATCH_LOG,
    CAS,
    VIEW,
    CDC,
}
