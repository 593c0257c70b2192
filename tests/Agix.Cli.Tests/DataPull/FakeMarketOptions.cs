using NodaTime;

namespace Agix.Tests.DataPull;

/// <summary>How a <see cref="FakeMarketServer"/> departs from plain, well-behaved data.</summary>
/// <param name="ForeignFilers">Symbols whose company facts have no dei:EntityCommonStockSharesOutstanding
/// (only EntityPublicFloat); default {"TSM"}.</param>
/// <param name="MultiClass">Symbols whose every filing is two share classes (same accn and end, 60/40);
/// default {"GOOGL","META"}.</param>
/// <param name="FilingLagDays">Calendar days from a filing's <c>end</c> to its <c>filed</c> date.</param>
/// <param name="RequireUserAgent">SEC answers 403 to a request without a User-Agent header.</param>
/// <param name="NullCloses">(symbol, date) rows whose Yahoo quote is null (close, open, high, low, volume,
/// adjclose), as Yahoo sometimes serves.</param>
/// <param name="UnknownToYahoo">Symbols of the data that Yahoo answers with 404 (delisted, mistyped).</param>
internal sealed record FakeMarketOptions(
    IReadOnlySet<string>? ForeignFilers = null,
    IReadOnlySet<string>? MultiClass = null,
    int FilingLagDays = 21,
    bool RequireUserAgent = true,
    IReadOnlySet<(string Symbol, LocalDate Date)>? NullCloses = null,
    IReadOnlySet<string>? UnknownToYahoo = null)
{
    public static readonly IReadOnlySet<string> DefaultForeignFilers = new HashSet<string>(StringComparer.Ordinal) { "TSM" };

    public static readonly IReadOnlySet<string> DefaultMultiClass = new HashSet<string>(StringComparer.Ordinal) { "GOOGL", "META" };

    public IReadOnlySet<string> ForeignFilerSet => ForeignFilers ?? DefaultForeignFilers;

    public IReadOnlySet<string> MultiClassSet => MultiClass ?? DefaultMultiClass;

    public bool IsNullClose(string symbol, LocalDate date) => NullCloses?.Contains((symbol, date)) == true;

    public bool IsUnknownToYahoo(string symbol) => UnknownToYahoo?.Contains(symbol) == true;
}
