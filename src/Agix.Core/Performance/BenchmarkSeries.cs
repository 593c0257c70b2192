using NodaTime;

namespace Agix;

/// <summary>
/// A benchmark as a one-asset series built with the index rules: units adjusted by splits and dividends reinvested
/// for total return (taxed for net), on the benchmark's own trading days (a day without a row is left out, so it
/// is not a common trading day of the comparison). Compared like with like: when
/// the index is gross or net, a benchmark with dividend data is shown as total return of the same kind; one
/// without dividend data (an index level such as ^GSPC) is price return and labelled so.
/// </summary>
internal static class BenchmarkSeries
{
    /// <summary>The benchmark's levels on its own dates (first level 1) and the return type actually used.</summary>
    public static (LocalDate[] Dates, double[] Levels, ReturnType ReturnType) Build(PricePanel panel, string symbol, ReturnType indexReturnType, double withholdingTax, string source)
    {
        var s = panel.IndexOfSymbol(symbol);
        if (s < 0 || panel.FirstIndex[s] < 0)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, $"benchmark {symbol} has no data (symbols in the file: {string.Join(", ", panel.Symbols)})"));
        }

        var type = indexReturnType == ReturnType.Price || !panel.HasDividends[s] ? ReturnType.Price : indexReturnType;
        var keep = type switch { ReturnType.Gross => 1.0, ReturnType.Net => 1 - withholdingTax, _ => 0.0 };
        // Only the benchmark's own trading days (rows): a day it has no row is not a common trading day.
        int first = panel.FirstIndex[s], last = panel.LastIndex[s], n = panel.SymbolCount;
        var dateList = new List<LocalDate> { panel.DateArray[first] };
        var levelList = new List<double> { 1 };
        var previous = panel.Close[(first * n) + s];
        for (var d = first + 1; d <= last; d++)
        {
            var cell = (d * n) + s;
            var close = panel.Close[cell];
            if (double.IsNaN(close))
            {
                continue;
            }

            var growth = ((close * panel.SplitAt(cell)) + (panel.Dividend[cell] * panel.SplitAt(cell) * keep)) / previous;
            dateList.Add(panel.DateArray[d]);
            levelList.Add(levelList[^1] * growth);
            previous = close;
        }

        var (dates, levels) = (dateList.ToArray(), levelList.ToArray());
        return (dates, levels, type);
    }
}
