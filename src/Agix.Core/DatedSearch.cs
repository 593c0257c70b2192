using NodaTime;

namespace Agix;

/// <summary>The one "latest on or before" search over items sorted by date (scores, share filings).</summary>
internal static class DatedSearch
{
    /// <summary>The index of the last item whose date is on or before <paramref name="date"/>, or -1.</summary>
    public static int LastOnOrBefore<T>(T[] items, LocalDate date, Func<T, LocalDate> dateOf)
    {
        int lo = 0, hi = items.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (dateOf(items[mid]) <= date)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
