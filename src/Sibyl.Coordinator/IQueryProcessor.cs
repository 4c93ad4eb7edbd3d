using Sibyl.Protocol;

namespace Sibyl.Coordinator;

/// <summary>
/// The seam between the CQL server and the coordinator: one call per request message, answered with a RESULT.
/// Errors are thrown as <see cref="Sibyl.Common.Errors.RequestException"/>s, which the server turns into ERROR
/// frames on the request's stream. Calls for different streams of one connection may run concurrently.
/// A result may carry <see cref="ResponseMessage.Warnings"/> and a <see cref="Message.CustomPayload"/>.
/// </summary>
public interface IQueryProcessor
{
    ValueTask<ResultMessage> QueryAsync(QueryMessage request, ClientState state, CancellationToken ct);

    ValueTask<ResultMessage> PrepareAsync(PrepareMessage request, ClientState state, CancellationToken ct);

    ValueTask<ResultMessage> ExecuteAsync(ExecuteMessage request, ClientState state, CancellationToken ct);

    ValueTask<ResultMessage> BatchAsync(BatchMessage request, ClientState state, CancellationToken ct);
}
