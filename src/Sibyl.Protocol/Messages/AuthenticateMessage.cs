namespace Sibyl.Protocol;

/// <summary>AUTHENTICATE: authentication is required; names the authenticator class.</summary>
public sealed class AuthenticateMessage(string authenticator) : ResponseMessage
{
    public const string PasswordAuthenticator = "org.apache.cassandra.auth.PasswordAuthenticator";

    public string Authenticator { get; } = authenticator;

    public override Opcode Opcode => Opcode.Authenticate;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfString(Authenticator);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteString(Authenticator);

    public static AuthenticateMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadString());
}
