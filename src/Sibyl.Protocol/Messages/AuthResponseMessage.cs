namespace Sibyl.Protocol;

/// <summary>AUTH_RESPONSE: a SASL token from the client (for PLAIN: \0user\0password).</summary>
public sealed class AuthResponseMessage(byte[]? token) : RequestMessage
{
    public byte[]? Token { get; } = token;

    public override Opcode Opcode => Opcode.AuthResponse;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfBytes(Token);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteBytes(Token);

    public static AuthResponseMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadBytes());
}
