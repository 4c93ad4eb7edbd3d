using System.Diagnostics.CodeAnalysis;

namespace Sibyl.Common;

/// <summary>Throw helpers kept out of line so that the hot methods calling them stay small and inlinable.</summary>
public static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowArgument(string message, string? paramName = null) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ThrowInvalidData(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    public static T ThrowInvalidData<T>(string message) => throw new InvalidDataException(message);
}
