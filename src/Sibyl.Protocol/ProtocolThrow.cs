using System.Diagnostics.CodeAnalysis;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>Throw helpers that keep the parsing methods small.</summary>
internal static class ProtocolThrow
{
    [DoesNotReturn]
    public static void Truncated(string what) =>
        throw new ProtocolException($"Not enough bytes to read {what}");

    [DoesNotReturn]
    public static void Invalid(string message) => throw new ProtocolException(message);

    [DoesNotReturn]
    public static T Invalid<T>(string message) => throw new ProtocolException(message);
}
