using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// ERROR: an error code, a message and the code's extra fields (spec section 9), carried as the
/// <see cref="RequestException"/> that every layer throws; decoding rebuilds the matching exception type.
/// </summary>
public sealed class ErrorMessage : ResponseMessage
{
    public ErrorMessage(RequestException error) => Error = error;

    public RequestException Error { get; }

    public override Opcode Opcode => Opcode.Error;

    /// <summary>
    /// The error as a client of <paramref name="version"/> can read it: the failure codes appeared in v4, so v3
    /// clients get the matching timeout or Invalid as Cassandra sends them; an exception whose code needs extra
    /// fields it does not carry becomes a ServerError rather than a frame the driver cannot parse.
    /// </summary>
    public RequestException ForVersion(byte version)
    {
        var error = Error;
        if (version < ProtocolVersions.V4)
        {
            switch (error)
            {
                case ReadFailureException e:
                    return new ReadTimeoutException(e.Consistency, e.Received, e.BlockFor, e.DataPresent, e.Message);
                case WriteFailureException e:
                    return new WriteTimeoutException(e.Consistency, e.Received, e.BlockFor, e.WriteType, e.Message);
                case FunctionFailureException e:
                    return new InvalidRequestException(e.Message);
            }
        }
        bool consistent = error.Code switch
        {
            ErrorCode.Unavailable => error is UnavailableException,
            ErrorCode.WriteTimeout => error is WriteTimeoutException,
            ErrorCode.ReadTimeout => error is ReadTimeoutException,
            ErrorCode.ReadFailure => error is ReadFailureException,
            ErrorCode.FunctionFailure => error is FunctionFailureException,
            ErrorCode.WriteFailure => error is WriteFailureException,
            ErrorCode.AlreadyExists => error is AlreadyExistsException,
            ErrorCode.Unprepared => error is UnpreparedException,
            ErrorCode.CasWriteUnknown => error is CasWriteUnknownException,
            _ => true,
        };
        return consistent ? error : new ServerErrorException(error.Message, error);
    }

    public override int ComputeBodySize(byte version)
    {
        var error = ForVersion(version);
        int size = 4 + CqlWriter.SizeOfString(error.Message);
        return size + error switch
        {
            UnavailableException => 2 + 4 + 4,
            WriteTimeoutException e => 2 + 4 + 4 + CqlWriter.SizeOfString(e.WriteType.ToString()),
            ReadTimeoutException => 2 + 4 + 4 + 1,
            ReadFailureException => 2 + 4 + 4 + 4 + 1,
            WriteFailureException e => 2 + 4 + 4 + 4 + CqlWriter.SizeOfString(e.WriteType.ToString()),
            FunctionFailureException e => CqlWriter.SizeOfString(e.Keyspace) + CqlWriter.SizeOfString(e.Function)
                                          + CqlWriter.SizeOfStringList(e.ArgumentTypes),
            AlreadyExistsException e => CqlWriter.SizeOfString(e.Keyspace) + CqlWriter.SizeOfString(e.Table),
            UnpreparedException e => CqlWriter.SizeOfShortBytes(e.Id),
            CasWriteUnknownException => 2 + 4 + 4,
            _ => 0,
        };
    }

    public override void WriteBody(ref CqlWriter writer, byte version)
    {
        var error = ForVersion(version);
        writer.WriteInt((int)error.Code);
        writer.WriteString(error.Message);
        switch (error)
        {
            case UnavailableException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Required);
                writer.WriteInt(e.Alive);
                break;
            case WriteTimeoutException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Received);
                writer.WriteInt(e.BlockFor);
                writer.WriteString(e.WriteType.ToString());
                break;
            case ReadTimeoutException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Received);
                writer.WriteInt(e.BlockFor);
                writer.WriteByte(e.DataPresent ? (byte)1 : (byte)0);
                break;
            case ReadFailureException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Received);
                writer.WriteInt(e.BlockFor);
                writer.WriteInt(e.Failures);
                writer.WriteByte(e.DataPresent ? (byte)1 : (byte)0);
                break;
            case WriteFailureException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Received);
                writer.WriteInt(e.BlockFor);
                writer.WriteInt(e.Failures);
                writer.WriteString(e.WriteType.ToString());
                break;
            case FunctionFailureException e:
                writer.WriteString(e.Keyspace);
                writer.WriteString(e.Function);
                writer.WriteStringList(e.ArgumentTypes);
                break;
            case AlreadyExistsException e:
                writer.WriteString(e.Keyspace);
                writer.WriteString(e.Table);
                break;
            case UnpreparedException e:
                writer.WriteShortBytes(e.Id);
                break;
            case CasWriteUnknownException e:
                writer.WriteConsistency(e.Consistency);
                writer.WriteInt(e.Received);
                writer.WriteInt(e.BlockFor);
                break;
        }
    }

    public static ErrorMessage Decode(ref CqlReader reader, byte version)
    {
        var code = (ErrorCode)reader.ReadInt();
        string message = reader.ReadString();
        RequestException error = code switch
        {
            ErrorCode.ServerError => new ServerErrorException(message),
            ErrorCode.ProtocolError => new ProtocolException(message),
            ErrorCode.BadCredentials => new AuthenticationException(message),
            ErrorCode.Unavailable => new UnavailableException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(), message),
            ErrorCode.Overloaded => new OverloadedException(message),
            ErrorCode.IsBootstrapping => new IsBootstrappingException(message),
            ErrorCode.TruncateError => new TruncateException(message),
            ErrorCode.WriteTimeout => new WriteTimeoutException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(),
                ReadWriteType(ref reader), message),
            ErrorCode.ReadTimeout => new ReadTimeoutException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(),
                reader.ReadByte() != 0, message),
            ErrorCode.ReadFailure => new ReadFailureException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(),
                reader.ReadInt(), reader.ReadByte() != 0, message),
            ErrorCode.FunctionFailure => new FunctionFailureException(reader.ReadString(), reader.ReadString(), reader.ReadStringList(), message),
            ErrorCode.WriteFailure => new WriteFailureException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(),
                reader.ReadInt(), ReadWriteType(ref reader), message),
            ErrorCode.CdcWriteFailure => new CdcWriteFailureException(message),
            ErrorCode.CasWriteUnknown => new CasWriteUnknownException(reader.ReadConsistency(), reader.ReadInt(), reader.ReadInt(), message),
            ErrorCode.SyntaxError => new SyntaxException(message),
            ErrorCode.Unauthorized => new UnauthorizedException(message),
            ErrorCode.Invalid => new InvalidRequestException(message),
            ErrorCode.ConfigError => new ConfigurationException(message),
            ErrorCode.AlreadyExists => new AlreadyExistsException(reader.ReadString(), reader.ReadString(), message),
            ErrorCode.Unprepared => new UnpreparedException(reader.ReadShortBytes(), message),
            _ => throw new ProtocolException($"Unknown error code 0x{(int)code:x4}"),
        };
        return new ErrorMessage(error);
    }

    private static WriteType ReadWriteType(ref CqlReader reader)
    {
        string name = reader.ReadString();
        return Enum.TryParse<WriteType>(name, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type
            : throw new ProtocolException($"Unknown write type {name}");
    }
}
