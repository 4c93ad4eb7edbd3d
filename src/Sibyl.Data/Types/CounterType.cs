namespace Sibyl.Data.Types;

/// <summary>CQL counter (CounterColumnType): a bigint value whose cells merge by summing shards.</summary>
public sealed class CounterType : BigIntType
{
    internal CounterType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Counter;
    public override string CqlName => "counter";
    public override string MarshalClassName => MarshalPackage + "CounterColumnType";
    public override bool IsCounter => true;
}
