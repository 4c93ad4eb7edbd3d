namespace Sibyl.Protocol;

/// <summary>A message the server sends; may carry a tracing id, warnings and a custom payload in its envelope.</summary>
public abstract class ResponseMessage : Message
{
    public Guid? TracingId { get; set; }

    /// <summary>Warnings for the client (flag 0x08, v4 and later), e.g. "Aggregation query used without partition key".</summary>
    public IReadOnlyList<string>? Warnings { get; set; }
}
