namespace Sibyl.Protocol;

/// <summary>A message a client sends.</summary>
public abstract class RequestMessage : Message
{
    /// <summary>The client set the TRACING flag. Sibyl has no tracing yet and answers without a tracing id,
    /// which drivers accept (they only read one when the response carries the flag).</summary>
    public bool TracingRequested { get; set; }
}
