using System.Diagnostics;

namespace Agix.Tests;

/// <summary>What a real-data test does about the shared market data.</summary>
public enum SharedDataDecision
{
    /// <summary>The data was found: the test runs.</summary>
    Run,

    /// <summary>The data is absent and not required: the test is skipped with the reason (a fork, a fresh clone).</summary>
    Skip,

    /// <summary>The data is absent but required (<c>AGIX_REQUIRE_SHARED_DATA=1</c>, set by <c>.ci/run</c>): the test fails.</summary>
    Fail,
}

/// <summary>
/// Locates the shared real data that lives beside the repository (<c>&lt;repo&gt;/../shared</c>), which is not part of
/// the repository itself.
/// </summary>
/// <remarks>
/// Two environment variables control it. <c>AGIX_REQUIRE_SHARED_DATA=1</c> makes the real-data tests mandatory: when
/// the data is absent they fail instead of being skipped (<c>.ci/run</c> sets it). <c>AGIX_SHARED_DATA=DIR</c> names
/// the <c>shared</c> folder (the one holding <c>data/market</c>) instead of searching the folders above the test
/// binaries; pointing it at a folder without <c>data/market</c> (<c>AGIX_SHARED_DATA=/nonexistent</c>) runs the
/// suite as a fork without the data would. The variable <c>CI</c> (set by GitHub Actions on forks too) plays no part.
/// </remarks>
public static class SharedData
{
    /// <summary>The environment variable that makes the real-data tests mandatory when set to <c>1</c> (or <c>true</c>).</summary>
    public const string RequireVariable = "AGIX_REQUIRE_SHARED_DATA";

    /// <summary>The environment variable that names the <c>shared</c> folder instead of searching for it.</summary>
    public const string LocationVariable = "AGIX_SHARED_DATA";

    private static readonly Lazy<string?> Market = new(() =>
        FindMarketDirectory(Environment.GetEnvironmentVariable(LocationVariable), AppContext.BaseDirectory));

    /// <summary>The <c>shared/data/market</c> directory, or null when it cannot be found.</summary>
    public static string? MarketDirectory => Market.Value;

    /// <summary>
    /// The <c>shared/data/market</c> directory. When it is absent the calling test is skipped with the reason, unless
    /// the environment variable <c>AGIX_REQUIRE_SHARED_DATA</c> is <c>1</c>, in which case the test fails.
    /// </summary>
    public static string RequireMarketDirectory()
    {
        var directory = MarketDirectory;
        switch (Decide(directory is not null, Environment.GetEnvironmentVariable))
        {
            case SharedDataDecision.Run:
                return directory!;
            case SharedDataDecision.Fail:
                Assert.Fail(MissingReason(Environment.GetEnvironmentVariable(LocationVariable), AppContext.BaseDirectory, required: true));
                break;
            default:
                Assert.Skip(MissingReason(Environment.GetEnvironmentVariable(LocationVariable), AppContext.BaseDirectory, required: false));
                break;
        }

        throw new UnreachableException();
    }

    /// <summary>The decision, from whether the data was found and the value of <c>AGIX_REQUIRE_SHARED_DATA</c> (null when unset).</summary>
    public static SharedDataDecision Decide(bool found, string? requireVariable) =>
        found ? SharedDataDecision.Run
        : IsSet(requireVariable) ? SharedDataDecision.Fail
        : SharedDataDecision.Skip;

    /// <summary>The decision, reading <c>AGIX_REQUIRE_SHARED_DATA</c> through <paramref name="environment"/> (and nothing else).</summary>
    public static SharedDataDecision Decide(bool found, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Decide(found, environment(RequireVariable));
    }

    /// <summary>
    /// The <c>data/market</c> folder of the <c>shared</c> folder named by <paramref name="sharedOverride"/> when it is
    /// not empty, otherwise of the first <c>shared</c> folder found in <paramref name="start"/> or a folder above it;
    /// null when there is none.
    /// </summary>
    public static string? FindMarketDirectory(string? sharedOverride, string start)
    {
        if (!string.IsNullOrWhiteSpace(sharedOverride))
        {
            var named = Path.Combine(Path.GetFullPath(sharedOverride), "data", "market");
            return Directory.Exists(named) ? named : null;
        }

        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var market = Path.Combine(folder.FullName, "shared", "data", "market");
            if (Directory.Exists(market))
            {
                return market;
            }
        }

        return null;
    }

    /// <summary>Why a real-data test is skipped (or fails, when <paramref name="required"/>): the folder looked for and how to change the outcome.</summary>
    public static string MissingReason(string? sharedOverride, string start, bool required)
    {
        var where = string.IsNullOrWhiteSpace(sharedOverride)
            ? $"The shared real market data (<repo>/../shared/data/market) was not found: no shared/data/market folder in {start} or any folder above it."
            : $"The shared real market data was not found: {LocationVariable}={sharedOverride} has no data/market folder.";
        return required
            ? $"{where} {RequireVariable}=1 makes the real-data tests mandatory, so the test fails instead of being skipped."
            : $"{where} Skipped; set {RequireVariable}=1 to make the real-data tests mandatory (fail when the data is absent), as .ci/run does.";
    }

    private static bool IsSet(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
}
