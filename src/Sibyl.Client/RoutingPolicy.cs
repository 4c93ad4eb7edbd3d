namespace Sibyl.Client;

/// <summary>How a request chooses its coordinator.</summary>
public enum RoutingPolicy
{
    /// <summary>The host owning the partition key's token when the statement is prepared and bound; round robin otherwise.</summary>
    TokenAware,

    /// <summary>Every host in turn.</summary>
    RoundRobin,
}
