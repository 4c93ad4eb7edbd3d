using System.Text;
using Sibyl.Common.Errors;

namespace Sibyl.Server;

/// <summary>Parses a SASL PLAIN token (RFC 4616): [authzid] NUL authcid NUL passwd, read from the end as Cassandra does.</summary>
public static class SaslPlainToken
{
    public static (string User, string Password) Parse(ReadOnlySpan<byte> token)
    {
        int last = token.LastIndexOf((byte)0);
        if (last < 0)
            throw new AuthenticationException("Password must not be null");
        var password = token[(last + 1)..];
        var rest = token[..last];
        int previous = rest.LastIndexOf((byte)0);
        var user = rest[(previous + 1)..];
        if (user.IsEmpty)
            throw new AuthenticationException("Authentication ID must not be null");
        if (password.IsEmpty)
            throw new AuthenticationException("Password must not be null");
        return (Encoding.UTF8.GetString(user), Encoding.UTF8.GetString(password));
    }
}
