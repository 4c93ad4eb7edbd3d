using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sibyl.Server;

namespace Sibyl.Host.Node;

/// <summary>
/// Cassandra's PasswordAuthenticator for a fresh cluster: the default superuser cassandra/cassandra.
/// Roles created with CQL come with the auth issue; until then only the default role exists.
/// </summary>
public sealed class PasswordAuthenticator : IAuthenticator
{
    private readonly Dictionary<string, byte[]> _hashes = new(StringComparer.Ordinal)
    {
        ["cassandra"] = Hash("cassandra"),
    };

    public bool RequireAuthentication => true;

    public string ClassName => "org.apache.cassandra.auth.PasswordAuthenticator";

    public ValueTask<bool> AuthenticateAsync(string user, string password, EndPoint? remoteAddress, CancellationToken ct) =>
        ValueTask.FromResult(_hashes.TryGetValue(user, out var hash) && CryptographicOperations.FixedTimeEquals(hash, Hash(password)));

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
