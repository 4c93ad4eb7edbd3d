namespace Sibyl.Protocol;

/// <summary>AUTH_SUCCESS: authentication finished; the connection is ready.</summary>
public sealed class AuthSuccessMessage(byte[]? token) : ResponseMessage
{
    public byte[]? Token { get; } = token;

    public override Opcode Opcode => Opcode.AuthSuccess;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfBytes(Token);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteBytes(Token);

    public static AuthSuccessMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadBytes());
}
