namespace Sibyl.Protocol;

/// <summary>STARTUP: the connection's options (CQL_VERSION, COMPRESSION, DRIVER_NAME, ...).</summary>
public sealed class StartupMessage(IReadOnlyDictionary<string, string> options) : RequestMessage
{
    public const string CqlVersion = "CQL_VERSION";
    public const string Compression = "COMPRESSION";
    public const string DriverName = "DRIVER_NAME";
    public const string DriverVersion = "DRIVER_VERSION";
    public const string ThrowOnOverload = "THROW_ON_OVERLOAD";

    public IReadOnlyDictionary<string, string> Options { get; } = options;

    public override Opcode Opcode => Opcode.Startup;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfStringMap(Options);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteStringMap(Options);

    public static StartupMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadStringMap());
}
