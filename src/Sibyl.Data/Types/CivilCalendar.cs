using System.Globalization;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>
/// Proleptic Gregorian calendar arithmetic over 64-bit day numbers (H. Hinnant's civil algorithms),
/// because CQL dates and timestamps reach far beyond DateTime's years 1-9999. Also the text forms of
/// Cassandra's date and timestamp serializers. Timestamps without a zone are read as UTC (Cassandra
/// uses the JVM's zone, UTC on a default server).
/// </summary>
internal static class CivilCalendar
{
    public const long MillisPerDay = 86_400_000L;

    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yoe = year - era * 400;
        long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        long era = (days >= 0 ? days : days - 146096) / 146097;
        long doe = days - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int)(doy - (153 * mp + 2) / 5 + 1);
        int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>java.time ISO_LOCAL_DATE: 4-digit years, a sign beyond 9999 or below 0.</summary>
    public static string FormatDate(long days)
    {
        var (y, m, d) = CivilFromDays(days);
        var sb = new StringBuilder(16);
        AppendIsoYear(sb, y);
        sb.Append('-').Append(m.ToString("00", CultureInfo.InvariantCulture))
          .Append('-').Append(d.ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static void AppendIsoYear(StringBuilder sb, long year)
    {
        if (year > 9999)
            sb.Append('+').Append(year.ToString(CultureInfo.InvariantCulture));
        else if (year < 0)
            sb.Append('-').Append((-year).ToString("0000", CultureInfo.InvariantCulture));
        else
            sb.Append(year.ToString("0000", CultureInfo.InvariantCulture));
    }

    /// <summary>TimestampSerializer's UTC literal form "yyyy-MM-dd'T'HH:mm:ss.SSSX": "2020-01-01T00:00:00.000Z".</summary>
    public static string FormatTimestamp(long millis)
    {
        long days = Math.DivRem(millis, MillisPerDay, out long msOfDay);
        if (msOfDay < 0)
        {
            msOfDay += MillisPerDay;
            days--;
        }

        var (y, m, d) = CivilFromDays(days);
        // SimpleDateFormat's "yyyy" prints the year of era, without sign.
        long yearOfEra = y > 0 ? y : 1 - y;
        return string.Create(CultureInfo.InvariantCulture,
            $"{yearOfEra:0000}-{m:00}-{d:00}T{msOfDay / 3_600_000:00}:{msOfDay / 60_000 % 60:00}:{msOfDay / 1000 % 60:00}.{msOfDay % 1000:000}Z");
    }

    /// <summary>ISO local date "yyyy-mm-dd" (strict, with java.time's signed form for large years).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long days)
    {
        days = 0;
        int pos = 0;
        if (!TryParseDatePart(s, ref pos, strictYear: true, out long y, out int m, out int d) || pos != s.Length)
            return false;
        days = DaysFromCivil(y, m, d);
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<char> s, ref int pos, bool strictYear, out long year, out int month, out int day)
    {
        year = 0; month = 0; day = 0;
        bool negative = false, signed = false;
        if (pos < s.Length && (s[pos] == '+' || s[pos] == '-') && strictYear)
        {
            negative = s[pos] == '-';
            signed = true;
            pos++;
        }

        int start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            pos++;
        int yearDigits = pos - start;
        if (yearDigits < 4 || yearDigits > 10 || (strictYear && yearDigits > 4 && !signed))
            return false;
        year = long.Parse(s[start..pos], NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative)
            year = -year;
        if (!TryReadFixed(s, ref pos, '-', out month) || !TryReadFixed(s, ref pos, '-', out day))
            return false;
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static bool TryReadFixed(ReadOnlySpan<char> s, ref int pos, char separator, out int value)
    {
        value = 0;
        if (pos + 3 > s.Length || s[pos] != separator || !char.IsAsciiDigit(s[pos + 1]) || !char.IsAsciiDigit(s[pos + 2]))
            return false;
        value = (s[pos + 1] - '0') * 10 + (s[pos + 2] - '0');
        pos += 3;
        return true;
    }

    /// <summary>
    /// The patterns of Cassandra's TimestampSerializer: "yyyy-MM-dd[( |T)HH:mm[:ss[.SSS]]][zone]" where
    /// zone is "Z", "+hh", "+hhmm", "+hh:mm", or after a space a name such as "UTC", "GMT", "GMT+01:00".
    /// </summary>
    public static bool TryParseTimestamp(string text, out long millis)
    {
        millis = 0;
        ReadOnlySpan<char> s = text;
        int pos = 0;
        if (!TryParseDatePart(s, ref pos, strictYear: false, out long y, out int mo, out int d))
            return false;
        long ms = 0;
        if (pos < s.Length && (s[pos] == ' ' || s[pos] == 'T') && pos + 3 < s.Length && char.IsAsciiDigit(s[pos + 1]))
        {
            pos++;
            if (!TryTwoDigits(s, ref pos, out int hh) || !TryReadFixed(s, ref pos, ':', out int mi))
                return false;
            int ss = 0, frac = 0;
            if (pos < s.Length && s[pos] == ':')
            {
                if (!TryReadFixed(s, ref pos, ':', out ss))
                    return false;
                if (pos < s.Length && s[pos] == '.')
                {
                    pos++;
                    int start = pos;
                    while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - start < 3)
                        pos++;
                    if (pos == start)
                        return false;
                    // SimpleDateFormat's "SSS" reads a count of milliseconds: ".5" is 5 ms, not 500.
                    frac = int.Parse(s[start..pos], NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            if (hh > 23 || mi > 59 || ss > 59)
                return false;
            ms = hh * 3_600_000L + mi * 60_000L + ss * 1000L + frac;
        }

        if (!TryParseZone(s[pos..], out long offsetMillis))
            return false;
        millis = DaysFromCivil(y, mo, d) * MillisPerDay + ms - offsetMillis;
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> s, ref int pos, out int value)
    {
        value = 0;
        if (pos + 2 > s.Length || !char.IsAsciiDigit(s[pos]) || !char.IsAsciiDigit(s[pos + 1]))
            return false;
        value = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
        pos += 2;
        return true;
    }

    private static bool TryParseZone(ReadOnlySpan<char> zone, out long offsetMillis)
    {
        offsetMillis = 0;
        if (zone.IsEmpty)
            return true;
        if (zone[0] == ' ')
        {
            zone = zone[1..];
            if (zone.StartsWith("GMT", StringComparison.Ordinal) || zone.StartsWith("UTC", StringComparison.Ordinal))
            {
                zone = zone[3..];
                if (zone.IsEmpty)
                    return true;
            }
        }

        if (zone.Length == 1 && zone[0] == 'Z')
            return true;
        if (zone[0] != '+' && zone[0] != '-')
            return false;
        int sign = zone[0] == '-' ? -1 : 1;
        int pos = 1;
        if (!TryTwoDigits(zone, ref pos, out int hours))
            return false;
        int minutes = 0;
        if (pos < zone.Length)
        {
            if (zone[pos] == ':')
                pos++;
            if (!TryTwoDigits(zone, ref pos, out minutes) || pos != zone.Length)
                return false;
        }

        if (hours > 23 || minutes > 59)
            return false;
        offsetMillis = sign * (hours * 3_600_000L + minutes * 60_000L);
        return true;
    }
}
