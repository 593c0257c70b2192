using System.Diagnostics;

namespace Agix.Tests;

/// <summary>
/// Locates the shared real data that lives beside the repository (<c>&lt;repo&gt;/../shared</c>), which is not part of
/// the repository itself.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Market = new(FindMarketDirectory);

    /// <summary>The <c>shared/data/market</c> directory, or null when it cannot be found.</summary>
    public static string? MarketDirectory => Market.Value;

    /// <summary>
    /// The <c>shared/data/market</c> directory. When it is absent the calling test is skipped with the reason, unless
    /// the environment variable <c>CI</c> is <c>true</c>, in which case the test fails.
    /// </summary>
    public static string RequireMarketDirectory()
    {
        if (MarketDirectory is { } directory)
        {
            return directory;
        }

        var reason = $"The shared market data (<repo>/../shared/data/market) was not found in any folder above {AppContext.BaseDirectory}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI is true, so the test fails instead of being skipped.");
        }

        Assert.Skip(reason);
        throw new UnreachableException();
    }

    private static string? FindMarketDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var market = Path.Combine(folder.FullName, "shared", "data", "market");
            if (Directory.Exists(market))
            {
                return market;
            }
        }

        return null;
    }
}
