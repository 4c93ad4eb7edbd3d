namespace Sibyl.Protocol;

/// <summary>AUTH_CHALLENGE: a SASL challenge the client answers with AUTH_RESPONSE.</summary>
public sealed class AuthChallengeMessage(byte[]? token) : ResponseMessage
{
    public byte[]? Token { get; } = token;

    public override Opcode Opcode => Opcode.AuthChallenge;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfBytes(Token);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteBytes(Token);

    public static AuthChallengeMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadBytes());
}
