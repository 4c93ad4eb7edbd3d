using System.Net;

namespace Sibyl.Server;

/// <summary>
/// Checks credentials for the SASL PLAIN handshake. The host supplies it; <see cref="AllowAllAuthenticator"/>
/// (no handshake at all) is the default, as Cassandra's AllowAllAuthenticator.
/// </summary>
public interface IAuthenticator
{
    /// <summary>False: STARTUP is answered with READY. True: with AUTHENTICATE naming <see cref="ClassName"/>.</summary>
    bool RequireAuthentication { get; }

    /// <summary>The class name drivers expect in AUTHENTICATE, e.g. org.apache.cassandra.auth.PasswordAuthenticator.</summary>
    string ClassName { get; }

    /// <summary>True when the user and password are valid.</summary>
    ValueTask<bool> AuthenticateAsync(string user, string password, EndPoint? remoteAddress, CancellationToken ct);
}
