using System.Globalization;
using System.Net;

namespace Sibyl.Host.Configuration;

/// <summary>Thrown by a value parser; <see cref="Exception.Message"/> says what was expected.</summary>
internal sealed class InvalidSettingValueException(string expected) : Exception(expected);

/// <summary>
/// Parsers for cassandra.yaml values: 4.1 durations (<c>10000ms</c>, <c>10s</c>) and data sizes
/// (<c>16MiB</c>), and the plain numbers of the 4.0 <c>_in_ms</c>/<c>_in_mb</c>/<c>_in_kb</c> names.
/// </summary>
internal static class ConfigValues
{
    public static string Scalar(object value, string expected) =>
        value as string ?? throw new InvalidSettingValueException(expected);

    public static string String(object value) => Scalar(value, "expected a string");

    public static int Int(object value, int min = int.MinValue, int max = int.MaxValue)
    {
        string expected = min == int.MinValue ? "expected an integer" :
            max == int.MaxValue ? $"expected an integer >= {min}" : $"expected an integer from {min} to {max}";
        if (!int.TryParse(Scalar(value, expected), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new InvalidSettingValueException(expected);
        return n;
    }

    public static int Port(object value) => Int(value, 1, 65535);

    public static TimeSpan Duration(object value)
    {
        const string expected = "expected a duration such as 10000ms, 10s or 1m";
        string s = Scalar(value, expected).Trim();
        int split = 0;
        while (split < s.Length && char.IsAsciiDigit(s[split]))
            split++;
        if (split == 0 || !long.TryParse(s.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new InvalidSettingValueException(expected);
        string unit = s[split..].Trim().ToLowerInvariant();
        try
        {
            return unit switch
            {
                "d" => TimeSpan.FromDays(n),
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                "ms" => TimeSpan.FromMilliseconds(n),
                "us" or "µs" => TimeSpan.FromMicroseconds(n),
                "ns" => TimeSpan.FromTicks(n / 100),
                _ => throw new InvalidSettingValueException(expected),
            };
        }
        catch (OverflowException)
        {
            throw new InvalidSettingValueException(expected);
        }
    }

    /// <summary>The value of a 4.0 <c>*_in_ms</c> setting; Cassandra accepts a fraction for some of them.</summary>
    public static TimeSpan Milliseconds(object value)
    {
        const string expected = "expected a number of milliseconds";
        if (!double.TryParse(Scalar(value, expected), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) || ms < 0 || ms > int.MaxValue)
            throw new InvalidSettingValueException(expected);
        return TimeSpan.FromMilliseconds(ms);
    }

    public static long DataSize(object value)
    {
        const string expected = "expected a size such as 16MiB, 512KiB or 1024B";
        string s = Scalar(value, expected).Trim();
        int split = 0;
        while (split < s.Length && char.IsAsciiDigit(s[split]))
            split++;
        if (split == 0 || !long.TryParse(s.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new InvalidSettingValueException(expected);
        long unit = s[split..].Trim() switch
        {
            "B" => 1,
            "KiB" => SibylConfig.KiB,
            "MiB" => SibylConfig.MiB,
            "GiB" => 1024 * SibylConfig.MiB,
            _ => throw new InvalidSettingValueException(expected),
        };
        return n <= long.MaxValue / unit ? n * unit : throw new InvalidSettingValueException(expected);
    }

    /// <summary>The value of a 4.0 <c>*_in_kb</c> / <c>*_in_mb</c> setting, in bytes.</summary>
    public static long Units(object value, long unit, string unitName)
    {
        string expected = $"expected a number of {unitName}";
        if (!long.TryParse(Scalar(value, expected), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / unit)
            throw new InvalidSettingValueException(expected);
        return n * unit;
    }

    public static string Address(object value)
    {
        const string expected = "expected an IP address";
        string s = Scalar(value, expected).Trim();
        if (s == "localhost")
            return "127.0.0.1";
        return IPAddress.TryParse(s, out IPAddress? address) ? address.ToString() : throw new InvalidSettingValueException(expected);
    }

    public static IReadOnlyList<string> StringList(object value)
    {
        if (value is string single)
            return [single];
        if (value is not List<object?> list)
            throw new InvalidSettingValueException("expected a list of strings");
        var result = new List<string>(list.Count);
        foreach (object? item in list)
            result.Add(item as string ?? throw new InvalidSettingValueException("expected a list of strings"));
        return result;
    }

    public static IReadOnlyList<long> Tokens(object value)
    {
        const string expected = "expected comma-separated Murmur3 tokens";
        var tokens = new List<long>();
        foreach (string part in Scalar(value, expected).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long token))
                throw new InvalidSettingValueException(expected);
            tokens.Add(token);
        }
        return tokens.Count > 0 ? tokens : throw new InvalidSettingValueException(expected);
    }

    /// <summary>A class name as cassandra.yaml writes it: bare, fully qualified, or a map with class_name.</summary>
    public static string ClassName(object value, string package)
    {
        string name = value is Dictionary<string, object?> map && map.TryGetValue("class_name", out object? cn) && cn is string s
            ? s
            : String(value);
        name = name.Trim();
        return name.StartsWith(package, StringComparison.Ordinal) ? name[package.Length..] : name;
    }

    public static SeedProviderConfig SeedProvider(object value)
    {
        const string expected = "expected a list with one class_name and its parameters' seeds";
        object? entry = value is List<object?> { Count: 1 } list ? list[0] : value;
        if (entry is not Dictionary<string, object?> map || !map.TryGetValue("class_name", out object? cn) || cn is not string className)
            throw new InvalidSettingValueException(expected);
        var seeds = new List<string>();
        if (map.TryGetValue("parameters", out object? parameters) && parameters is not null)
        {
            IEnumerable<object?> items = parameters is List<object?> l ? l : [parameters];
            foreach (object? item in items)
            {
                if (item is not Dictionary<string, object?> p)
                    throw new InvalidSettingValueException(expected);
                if (p.TryGetValue("seeds", out object? s) && s is string seedList)
                    seeds.AddRange(seedList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new SeedProviderConfig(className, seeds);
    }

    public static string Display(object value) => value switch
    {
        string s => s,
        List<object?> list => "[" + string.Join(", ", list.Select(v => v is null ? "null" : Display(v))) + "]",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => kv.Key + ": " + (kv.Value is null ? "null" : Display(kv.Value)))) + "}",
        _ => value.ToString() ?? "",
    };
}
