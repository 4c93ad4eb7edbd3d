namespace Sibyl.Common.Errors;

/// <summary>A write to a CDC-enabled table was refused because CDC space is full (code 0x1600).</summary>
public sealed class CdcWriteFailureException : RequestException
{
    public CdcWriteFailureException(string message) : base(ErrorCode.CdcWriteFailure, message) { }
}
