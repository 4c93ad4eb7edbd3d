using System.Globalization;
using System.Text.RegularExpressions;

namespace Sibyl.Data.Types;

/// <summary>The three textual duration forms of Cassandra's Duration.from, with its checks and messages.</summary>
internal static partial class DurationParser
{
    [GeneratedRegex(@"\G(\d+)(y|Y|mo|MO|mO|Mo|w|W|d|D|h|H|s|S|ms|MS|mS|Ms|us|US|uS|Us|µs|µS|ns|NS|nS|Ns|m|M)", RegexOptions.CultureInvariant)]
    private static partial Regex StandardPattern();

    [GeneratedRegex(@"^P((\d+)Y)?((\d+)M)?((\d+)D)?(T((\d+)H)?((\d+)M)?((\d+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601Pattern();

    [GeneratedRegex(@"^P(\d+)W$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WeekPattern();

    [GeneratedRegex(@"^P(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601AlternativePattern();

    public static CqlDuration Parse(string input)
    {
        bool negative = input.StartsWith('-');
        string source = negative ? input[1..] : input;
        if (source.StartsWith('P'))
        {
            if (source.EndsWith('W'))
            {
                Match week = Match(Iso8601WeekPattern(), source);
                return new Builder(negative).Add(3, Group(week, 1)).Build();
            }

            if (source.Contains('-', StringComparison.Ordinal))
            {
                Match alt = Match(Iso8601AlternativePattern(), source);
                var b = new Builder(negative);
                for (int g = 1; g <= 6; g++)
                    b.Add(g switch { 1 => 1, 2 => 2, 3 => 4, 4 => 5, 5 => 6, _ => 7 }, Group(alt, g));
                return b.Build();
            }

            Match iso = Match(Iso8601Pattern(), source);
            var builder = new Builder(negative);
            if (iso.Groups[1].Success) builder.Add(1, Group(iso, 2));
            if (iso.Groups[3].Success) builder.Add(2, Group(iso, 4));
            if (iso.Groups[5].Success) builder.Add(4, Group(iso, 6));
            if (iso.Groups[7].Success)
            {
                if (iso.Groups[8].Success) builder.Add(5, Group(iso, 9));
                if (iso.Groups[10].Success) builder.Add(6, Group(iso, 11));
                if (iso.Groups[12].Success) builder.Add(7, Group(iso, 13));
            }

            return builder.Build();
        }

        Match m = StandardPattern().Match(source);
        if (!m.Success)
            throw Unable(source);
        var standard = new Builder(negative);
        bool done;
        do
        {
            standard.Add(UnitIndex(m.Groups[2].Value), Group(m, 1));
            done = m.Index + m.Length == source.Length;
            m = m.NextMatch();
        }
        while (m.Success);
        if (!done)
            throw Unable(source);
        return standard.Build();
    }

    private static Match Match(Regex regex, string source)
    {
        Match m = regex.Match(source);
        if (!m.Success)
            throw Unable(source);
        return m;
    }

    private static MarshalException Unable(string source) => new($"Unable to convert '{source}' to a duration");

    private static long Group(Match m, int group)
    {
        if (!long.TryParse(m.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
            throw new MarshalException($"Unable to convert '{m.Groups[group].Value}' to a duration");
        return v;
    }

    private static int UnitIndex(string symbol) => symbol.ToLowerInvariant() switch
    {
        "y" => 1,
        "mo" => 2,
        "w" => 3,
        "d" => 4,
        "h" => 5,
        "m" => 6,
        "s" => 7,
        "ms" => 8,
        "us" or "µs" => 9,
        "ns" => 10,
        _ => throw new MarshalException($"Unknown duration symbol '{symbol}'"),
    };

    private static string UnitName(int index) => index switch
    {
        1 => "years",
        2 => "months",
        3 => "weeks",
        4 => "days",
        5 => "hours",
        6 => "minutes",
        7 => "seconds",
        8 => "milliseconds",
        9 => "microseconds",
        _ => "nanoseconds",
    };

    private sealed class Builder(bool negative)
    {
        private int _months;
        private int _days;
        private long _nanos;
        private int _currentUnit;

        public Builder Add(int unit, long amount)
        {
            if (unit == _currentUnit)
                throw new MarshalException($"Invalid duration. The {UnitName(unit)} are specified multiple times");
            if (unit < _currentUnit)
                throw new MarshalException($"Invalid duration. The {UnitName(_currentUnit)} should be after {UnitName(unit)}");
            _currentUnit = unit;
            switch (unit)
            {
                case 1: Check(amount, (int.MaxValue - _months) / 12, "months"); _months += (int)(amount * 12); break;
                case 2: Check(amount, int.MaxValue - _months, "months"); _months += (int)amount; break;
                case 3: Check(amount, (int.MaxValue - _days) / 7, "days"); _days += (int)(amount * 7); break;
                case 4: Check(amount, int.MaxValue - _days, "days"); _days += (int)amount; break;
                default:
                    long per = unit switch
                    {
                        5 => CqlDuration.NanosPerHour,
                        6 => CqlDuration.NanosPerMinute,
                        7 => CqlDuration.NanosPerSecond,
                        8 => CqlDuration.NanosPerMilli,
                        9 => CqlDuration.NanosPerMicro,
                        _ => 1,
                    };
                    Check(amount, (long.MaxValue - _nanos) / per, "nanoseconds");
                    _nanos += amount * per;
                    break;
            }

            return this;
        }

        private static void Check(long units, long limit, string unitName)
        {
            if (units > limit)
                throw new MarshalException($"Invalid duration. The total number of {unitName} must be less or equal to {int.MaxValue}");
        }

        public CqlDuration Build() => negative ? new CqlDuration(-_months, -_days, -_nanos) : new CqlDuration(_months, _days, _nanos);
    }
}
