namespace Sibyl.Host.Configuration;

/// <summary>commitlog_sync: when a write is acknowledged relative to the commit log fsync.</summary>
public enum CommitLogSyncMode { Periodic, Batch, Group }

/// <summary>authenticator: AllowAllAuthenticator or PasswordAuthenticator.</summary>
public enum AuthenticatorKind { AllowAll, Password }

/// <summary>authorizer: AllowAllAuthorizer or CassandraAuthorizer.</summary>
public enum AuthorizerKind { AllowAll, Cassandra }

/// <summary>seed_provider: the provider's class name and its seeds list (host or host:port).</summary>
public sealed record SeedProviderConfig(string ClassName, IReadOnlyList<string> Seeds);
