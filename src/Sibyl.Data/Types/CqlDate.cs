namespace Sibyl.Data.Types;

/// <summary>
/// A CQL date: days since 1970-01-01 shifted by 2^31 and stored unsigned, so that byte order is date
/// order. The full range (about ±5.8 million years) is kept; <see cref="ToDateOnly"/> covers years 1-9999.
/// </summary>
public readonly record struct CqlDate(uint Raw) : IComparable<CqlDate>
{
    private const long EpochShift = 1L << 31;

    public long DaysSinceEpoch => Raw - EpochShift;

    public static CqlDate FromDaysSinceEpoch(long days)
    {
        if (days < -EpochShift || days > EpochShift - 1)
            throw new MarshalException($"Date {days} days from epoch is out of range");
        return new CqlDate((uint)(days + EpochShift));
    }

    public static CqlDate FromDateOnly(DateOnly date) => FromDaysSinceEpoch(date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);

    public DateOnly ToDateOnly() => DateOnly.FromDayNumber(checked((int)(DaysSinceEpoch + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)));

    public int CompareTo(CqlDate other) => Raw.CompareTo(other.Raw);

    /// <summary>ISO local date as Java prints it: "2020-01-31", "+10000-01-01", "-0001-01-01".</summary>
    public override string ToString() => CivilCalendar.FormatDate(DaysSinceEpoch);

    public static bool operator <(CqlDate left, CqlDate right) => left.CompareTo(right) < 0;
    public static bool operator >(CqlDate left, CqlDate right) => left.CompareTo(right) > 0;
    public static bool operator <=(CqlDate left, CqlDate right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CqlDate left, CqlDate right) => left.CompareTo(right) >= 0;
}
