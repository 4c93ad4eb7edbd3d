using Sibyl.Client;
using Sibyl.Common.Errors;

namespace Sibyl.Stress;

/// <summary>Names the kind of a failed operation for the error breakdown.</summary>
public static class ErrorKinds
{
    public static string Of(Exception error) => error switch
    {
        RequestException request => request.Code.ToString(),
        TimeoutException => "ClientTimeout",
        NoHostAvailableException => "NoHostAvailable",
        IOException => "ConnectionError",
        _ => error.GetType().Name,
    };

    /// <summary>Errors after which a worker should pause briefly instead of spinning on a dead cluster.</summary>
    public static bool IsConnectionLevel(Exception error) => error is NoHostAvailableException or IOException;
}
