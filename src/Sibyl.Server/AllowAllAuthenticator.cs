using System.Net;

namespace Sibyl.Server;

/// <summary>No authentication: STARTUP answers READY directly.</summary>
public sealed class AllowAllAuthenticator : IAuthenticator
{
    public static readonly AllowAllAuthenticator Instance = new();

    public bool RequireAuthentication => false;

    public string ClassName => "org.apache.cassandra.auth.AllowAllAuthenticator";

    public ValueTask<bool> AuthenticateAsync(string user, string password, EndPoint? remoteAddress, CancellationToken ct) =>
        ValueTask.FromResult(true);
}
