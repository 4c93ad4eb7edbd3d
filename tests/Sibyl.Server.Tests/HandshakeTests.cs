using System.Net;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

public class HandshakeTests
{
    [Fact]
    public async Task OptionsAnswersSupported()
    {
        await using var harness = new SessionHarness();
        harness.Send(new OptionsMessage(), 3);
        var supported = await harness.ReceiveAsync<SupportedMessage>(3);
        Assert.Equal(["3/v3", "4/v4"], supported.Options["PROTOCOL_VERSIONS"]);
        Assert.Equal(["3.4.7"], supported.Options["CQL_VERSION"]);
        Assert.Equal(["lz4", "snappy"], supported.Options["COMPRESSION"]);
    }

    [Fact]
    public async Task StartupAnswersReadyAndKeepsDriverIdentity()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        Assert.Equal(ConnectionStage.Ready, harness.Session.Stage);
        Assert.Equal("test-driver", harness.Session.State!.DriverName);
        Assert.Equal("1.2", harness.Session.State.DriverVersion);
        Assert.Equal(ProtocolVersions.V4, harness.Session.State.ProtocolVersion);
        harness.Query("hello", 1);
        Assert.Equal("hello", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(1)));
    }

    [Fact]
    public async Task QueryBeforeStartupIsAProtocolError()
    {
        await using var harness = new SessionHarness();
        harness.Query("SELECT 1", 5);
        var error = await harness.ReceiveAsync<ErrorMessage>(5);
        Assert.Equal(ErrorCode.ProtocolError, error.Error.Code);
        Assert.Equal("Unexpected message QUERY, expecting STARTUP or OPTIONS", error.Error.Message);
        Assert.False(harness.Session.IsClosing);
        await harness.HandshakeAsync();
    }

    [Fact]
    public async Task SecondStartupIsAProtocolError()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Send(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }), 2);
        var error = await harness.ReceiveAsync<ErrorMessage>(2);
        Assert.Equal("Unexpected message STARTUP, the connection is already initialized", error.Error.Message);
    }

    [Theory]
    [InlineData(null, "lz4", "Missing value CQL_VERSION in STARTUP message")]
    [InlineData("2.0.0", null, "CQL version 2.0.0 is no longer supported; use 3.0.0 or higher")]
    [InlineData("3.0.0", "zstd", "Unknown compression algorithm: zstd")]
    public async Task InvalidStartupOptions(string? cqlVersion, string? compression, string message)
    {
        await using var harness = new SessionHarness();
        var options = new Dictionary<string, string>();
        if (cqlVersion is not null)
            options["CQL_VERSION"] = cqlVersion;
        if (compression is not null)
            options["COMPRESSION"] = compression;
        harness.Send(new StartupMessage(options), 1);
        var error = await harness.ReceiveAsync<ErrorMessage>(1);
        Assert.Equal(ErrorCode.ProtocolError, error.Error.Code);
        Assert.Equal(message, error.Error.Message);
        Assert.Equal(ConnectionStage.Established, harness.Session.Stage);
    }

    private sealed class PasswordAuthenticator : IAuthenticator
    {
        public bool RequireAuthentication => true;

        public string ClassName => AuthenticateMessage.PasswordAuthenticator;

        public async ValueTask<bool> AuthenticateAsync(string user, string password, EndPoint? remoteAddress, CancellationToken ct)
        {
            await Task.Yield();
            return user == "cassandra" && password == "secret";
        }
    }

    [Fact]
    public async Task PasswordAuthentication()
    {
        await using var harness = new SessionHarness(new CqlServerOptions { Authenticator = new PasswordAuthenticator() });
        harness.Send(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.4.5" }), 0);
        var authenticate = await harness.ReceiveAsync<AuthenticateMessage>(0);
        Assert.Equal("org.apache.cassandra.auth.PasswordAuthenticator", authenticate.Authenticator);

        harness.Query("SELECT 1", 1);
        Assert.Equal("Unexpected message QUERY, expecting SASL_RESPONSE", (await harness.ReceiveAsync<ErrorMessage>(1)).Error.Message);

        harness.Send(new AuthResponseMessage("\0cassandra\0wrong"u8.ToArray()), 2);
        var bad = await harness.ReceiveAsync<ErrorMessage>(2);
        Assert.Equal(ErrorCode.BadCredentials, bad.Error.Code);
        Assert.Equal("Provided username cassandra and/or password are incorrect", bad.Error.Message);

        harness.Send(new AuthResponseMessage("\0cassandra"u8.ToArray()), 3);
        Assert.Equal(ErrorCode.BadCredentials, (await harness.ReceiveAsync<ErrorMessage>(3)).Error.Code);

        harness.Send(new AuthResponseMessage("\0cassandra\0secret"u8.ToArray()), 4);
        await harness.ReceiveAsync<AuthSuccessMessage>(4);
        Assert.Equal("cassandra", harness.Session.State!.User);
        harness.Query("after auth", 5);
        Assert.Equal("after auth", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(5)));
    }

    [Fact]
    public void SaslPlainTokens()
    {
        Assert.Equal(("u", "p"), SaslPlainToken.Parse("\0u\0p"u8));
        Assert.Equal(("u", "p"), SaslPlainToken.Parse("authz\0u\0p"u8));
        Assert.Equal(("u", "p\u00e9"), SaslPlainToken.Parse("u\0p\u00e9"u8));
        Assert.Throws<AuthenticationException>(() => SaslPlainToken.Parse("\0\0p"u8));
        Assert.Throws<AuthenticationException>(() => SaslPlainToken.Parse("\0u\0"u8));
        Assert.Throws<AuthenticationException>(() => SaslPlainToken.Parse("nonul"u8));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0x42)]
    public async Task NewerProtocolVersionGetsAnErrorDriversDowngradeOn(byte version)
    {
        await using var harness = new SessionHarness();
        harness.Feed([version, 0x00, 0x00, 0x07, 0x05, 0, 0, 0, 0]); // OPTIONS on stream 7
        var (header, message) = await harness.ReceiveAsync();
        Assert.Equal(ProtocolVersions.V4, header.Version);
        Assert.Equal((short)7, header.Stream);
        var error = Assert.IsType<ErrorMessage>(message).Error;
        Assert.Equal(ErrorCode.ProtocolError, error.Code);
        Assert.Equal($"Invalid or unsupported protocol version ({version}); supported versions are (3/v3, 4/v4)", error.Message);
        Assert.Contains("unsupported protocol version", error.Message); // what the Python driver looks for
        Assert.True(harness.Session.IsClosing);
        await harness.Session.CloseAsync();
        Assert.True(await harness.OutputCompletedAsync());
    }

    [Fact]
    public async Task V3ConnectionIsAnsweredInV3()
    {
        await using var harness = new SessionHarness { Version = ProtocolVersions.V3 };
        harness.Send(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }), 1);
        var (header, message) = await harness.ReceiveAsync();
        Assert.Equal(ProtocolVersions.V3, header.Version);
        Assert.IsType<ReadyMessage>(message);
    }

    [Fact]
    public async Task ChangingVersionMidConnectionClosesIt()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Feed(SessionHarness.Frame(new OptionsMessage(), 2, ProtocolVersions.V3));
        var error = await harness.ReceiveAsync<ErrorMessage>(2);
        Assert.Equal("Invalid message version. Got 3 but previous messages on this connection had version 4", error.Error.Message);
        Assert.True(harness.Session.IsClosing);
    }
}
