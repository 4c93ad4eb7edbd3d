using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Sibyl.Admin.Client;

/// <summary>Raised when the admin endpoint cannot be reached at all.</summary>
public sealed class AdminConnectException(string target, string reason, Exception inner)
    : Exception($"Failed to connect to '{target}' - {reason}.", inner)
{
    public string Target { get; } = target;
}

/// <summary>Raised when the node answers with an error body; the message is the node's.</summary>
public sealed class AdminErrorException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>The HTTP client side of the admin endpoint, used by <c>sibyl nodetool</c>.</summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _target;

    public AdminClient(string host, int port, TimeSpan? timeout = null)
    {
        _target = $"{host}:{port}";
        string authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : _target;
        _http = new HttpClient { BaseAddress = new Uri($"http://{authority}/"), Timeout = timeout ?? TimeSpan.FromMinutes(10) };
    }

    public Task<StatusReport> GetStatusAsync(CancellationToken cancellationToken) =>
        GetAsync("status", AdminJsonContext.Default.StatusReport, cancellationToken);

    public Task<InfoReport> GetInfoAsync(CancellationToken cancellationToken) =>
        GetAsync("info", AdminJsonContext.Default.InfoReport, cancellationToken);

    /// <summary>Runs <c>POST /op/{command}</c>; returns the handler's result (JSON null when it returned nothing).</summary>
    public async Task<JsonElement> RunOperationAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(
            () =>
            {
                // A sized body: the admin server reads Content-Length and refuses chunked requests.
                var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new OperationBody(args), AdminJsonContext.Default.OperationBody));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                return _http.PostAsync("op/" + Uri.EscapeDataString(command), content, cancellationToken);
            }).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        using JsonDocument doc = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.TryGetProperty("result", out JsonElement result) ? result.Clone() : default;
    }

    private async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(() => _http.GetAsync(path, cancellationToken)).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        T? value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
        return value ?? throw new AdminErrorException((int)response.StatusCode, $"Empty answer from {path}");
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException se)
        {
            string reason = se.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "ConnectException: 'Connection refused'",
                SocketError.HostNotFound or SocketError.NoData => $"UnknownHostException: '{se.Message}'",
                _ => $"IOException: '{se.Message}'",
            };
            throw new AdminConnectException(_target, reason, e);
        }
        catch (HttpRequestException e)
        {
            throw new AdminConnectException(_target, $"IOException: '{e.Message}'", e);
        }
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        string message;
        try
        {
            ErrorBody? body = await response.Content.ReadFromJsonAsync(AdminJsonContext.Default.ErrorBody, cancellationToken).ConfigureAwait(false);
            message = body?.Error ?? response.ReasonPhrase ?? "error";
        }
        catch (JsonException)
        {
            message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        throw new AdminErrorException((int)response.StatusCode, message);
    }

    public void Dispose() => _http.Dispose();
}
