namespace Sibyl.Protocol;

/// <summary>Who sends a message.</summary>
public enum MessageDirection
{
    Request,
    Response,
}
