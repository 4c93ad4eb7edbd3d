namespace Sibyl.Common.Errors;

/// <summary>Cassandra's upper-case names of consistency levels ("LOCAL_QUORUM"), as used in messages and CQL.</summary>
public static class ConsistencyLevelNames
{
    public static string ToCqlName(this ConsistencyLevel level) => level switch
    {
        ConsistencyLevel.Any => "ANY",
        ConsistencyLevel.One => "ONE",
        ConsistencyLevel.Two => "TWO",
        ConsistencyLevel.Three => "THREE",
        ConsistencyLevel.Quorum => "QUORUM",
        ConsistencyLevel.All => "ALL",
        ConsistencyLevel.LocalQuorum => "LOCAL_QUORUM",
        ConsistencyLevel.EachQuorum => "EACH_QUORUM",
        ConsistencyLevel.Serial => "SERIAL",
        ConsistencyLevel.LocalSerial => "LOCAL_SERIAL",
        ConsistencyLevel.LocalOne => "LOCAL_ONE",
        _ => ((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>True for the levels a client may send (the wire values 0..0x000A).</summary>
    public static bool IsDefined(ConsistencyLevel level) => (ushort)level <= (ushort)ConsistencyLevel.LocalOne;
}
