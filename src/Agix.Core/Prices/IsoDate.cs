using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Agix.Prices;

/// <summary>Strict ISO <c>yyyy-MM-dd</c> dates, the only date format Agix reads and writes.</summary>
internal static class IsoDate
{
    private static readonly LocalDatePattern Pattern = LocalDatePattern.Iso;

    /// <summary>Parses <c>yyyy-MM-dd</c> from UTF-8 bytes without allocating; rejects impossible dates such as 2023-02-30.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out LocalDate date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    /// <summary>Parses <c>yyyy-MM-dd</c> text.</summary>
    public static bool TryParse(string? s, out LocalDate date)
    {
        date = default;
        if (s is null)
        {
            return false;
        }

        var result = Pattern.Parse(s.Trim());
        if (!result.Success)
        {
            return false;
        }

        date = result.Value;
        return true;
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
