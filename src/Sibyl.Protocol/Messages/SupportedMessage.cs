namespace Sibyl.Protocol;

/// <summary>SUPPORTED: answer to OPTIONS, a [string multimap] of supported STARTUP options.</summary>
public sealed class SupportedMessage(IReadOnlyDictionary<string, IReadOnlyList<string>> options) : ResponseMessage
{
    public const string ProtocolVersions = "PROTOCOL_VERSIONS";

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; } = options;

    public override Opcode Opcode => Opcode.Supported;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfStringMultimap(Options);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteStringMultimap(Options);

    public static SupportedMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadStringMultimap());
}
