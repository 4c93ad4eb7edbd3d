using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sibyl.Admin;

/// <summary>Source-generated contracts for the admin routes (no reflection warm-up at start).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(InfoReport))]
[JsonSerializable(typeof(OperationBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;

/// <summary>Request body of <c>POST /op/{command}</c>.</summary>
public sealed record OperationBody(IReadOnlyList<string>? Args);

/// <summary>Body of every non-2xx answer.</summary>
public sealed record ErrorBody(string Error);

/// <summary>JSON options shared by server and client.</summary>
public static class AdminJson
{
    /// <summary>
    /// Known contracts come from the source generator; handler results of other types fall back to
    /// reflection, since operations are registered by projects this one cannot see.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AdminJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
