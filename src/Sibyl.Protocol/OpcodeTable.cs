namespace Sibyl.Protocol;

/// <summary>Decodes a message body (after the envelope extras) of a given protocol version.</summary>
public delegate Message MessageDecoder(ref CqlReader reader, byte version);

/// <summary>One row of the opcode table.</summary>
public sealed record OpcodeEntry(Opcode Opcode, string Name, MessageDirection Direction, MessageDecoder Decode);

/// <summary>Every opcode of protocol v3/v4: wire id, spec name, direction, decoder. The one place to add a message.</summary>
public static class OpcodeTable
{
    public static readonly IReadOnlyList<OpcodeEntry> Entries =
    [
        new(Opcode.Error,         "ERROR",          MessageDirection.Response, ErrorMessage.Decode),
        new(Opcode.Startup,       "STARTUP",        MessageDirection.Request,  StartupMessage.Decode),
        new(Opcode.Ready,         "READY",          MessageDirection.Response, ReadyMessage.Decode),
        new(Opcode.Authenticate,  "AUTHENTICATE",   MessageDirection.Response, AuthenticateMessage.Decode),
        new(Opcode.Options,       "OPTIONS",        MessageDirection.Request,  OptionsMessage.Decode),
        new(Opcode.Supported,     "SUPPORTED",      MessageDirection.Response, SupportedMessage.Decode),
        new(Opcode.Query,         "QUERY",          MessageDirection.Request,  QueryMessage.Decode),
        new(Opcode.Result,        "RESULT",         MessageDirection.Response, ResultMessage.Decode),
        new(Opcode.Prepare,       "PREPARE",        MessageDirection.Request,  PrepareMessage.Decode),
        new(Opcode.Execute,       "EXECUTE",        MessageDirection.Request,  ExecuteMessage.Decode),
        new(Opcode.Register,      "REGISTER",       MessageDirection.Request,  RegisterMessage.Decode),
        new(Opcode.Event,         "EVENT",          MessageDirection.Response, EventMessage.Decode),
        new(Opcode.Batch,         "BATCH",          MessageDirection.Request,  BatchMessage.Decode),
        new(Opcode.AuthChallenge, "AUTH_CHALLENGE", MessageDirection.Response, AuthChallengeMessage.Decode),
        new(Opcode.AuthResponse,  "AUTH_RESPONSE",  MessageDirection.Request,  AuthResponseMessage.Decode),
        new(Opcode.AuthSuccess,   "AUTH_SUCCESS",   MessageDirection.Response, AuthSuccessMessage.Decode),
    ];

    private static readonly OpcodeEntry?[] ById = BuildIndex();

    public static bool IsKnown(Opcode opcode) => Find(opcode) is not null;

    public static OpcodeEntry? Find(Opcode opcode) => (int)opcode < ById.Length ? ById[(int)opcode] : null;

    /// <summary>The spec name ("QUERY") of an opcode, or its number when unknown.</summary>
    public static string NameOf(Opcode opcode) => Find(opcode)?.Name ?? ((int)opcode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static OpcodeEntry?[] BuildIndex()
    {
        var index = new OpcodeEntry?[(int)Opcode.AuthSuccess + 1];
        foreach (var entry in Entries)
            index[(int)entry.Opcode] = entry;
        return index;
    }
}
