namespace Agix.Tests;

/// <summary>
/// When the real-data tests run, skip or fail: a fork on GitHub Actions (CI=true, no ../shared) must skip them, and
/// only <c>AGIX_REQUIRE_SHARED_DATA=1</c> (set by .ci/run) makes them mandatory.
/// </summary>
public sealed class SharedDataTests : IDisposable
{
    private readonly TempFiles _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(true, null, SharedDataDecision.Run)]
    [InlineData(true, "1", SharedDataDecision.Run)]
    [InlineData(false, null, SharedDataDecision.Skip)]
    [InlineData(false, "", SharedDataDecision.Skip)]
    [InlineData(false, "0", SharedDataDecision.Skip)]
    [InlineData(false, "false", SharedDataDecision.Skip)]
    [InlineData(false, "1", SharedDataDecision.Fail)]
    [InlineData(false, "true", SharedDataDecision.Fail)]
    [InlineData(false, " TRUE ", SharedDataDecision.Fail)]
    public void The_decision_depends_on_the_data_and_AGIX_REQUIRE_SHARED_DATA(bool found, string? require, SharedDataDecision expected) =>
        SharedData.Decide(found, require).Should().Be(expected);

    [Fact]
    public void CI_true_without_the_variable_skips_as_a_fork_on_GitHub_Actions_needs()
    {
        var environment = new Dictionary<string, string?> { ["CI"] = "true", ["GITHUB_ACTIONS"] = "true" };

        SharedData.Decide(found: false, name => environment.GetValueOrDefault(name)).Should().Be(SharedDataDecision.Skip);
    }

    [Fact]
    public void AGIX_REQUIRE_SHARED_DATA_1_fails_with_or_without_CI()
    {
        var withCi = new Dictionary<string, string?> { ["CI"] = "true", [SharedData.RequireVariable] = "1" };
        var withoutCi = new Dictionary<string, string?> { [SharedData.RequireVariable] = "1" };

        SharedData.Decide(found: false, name => withCi.GetValueOrDefault(name)).Should().Be(SharedDataDecision.Fail);
        SharedData.Decide(found: false, name => withoutCi.GetValueOrDefault(name)).Should().Be(SharedDataDecision.Fail);
        SharedData.Decide(found: true, name => withCi.GetValueOrDefault(name)).Should().Be(SharedDataDecision.Run);
    }

    [Fact]
    public void The_market_folder_is_found_in_a_folder_above_the_start()
    {
        var market = Directory.CreateDirectory(Path.Combine(_work.Folder, "shared", "data", "market")).FullName;
        var start = Directory.CreateDirectory(Path.Combine(_work.Folder, "repo", "tests", "bin")).FullName;

        SharedData.FindMarketDirectory(null, start).Should().Be(market);
        SharedData.FindMarketDirectory("", start).Should().Be(market);
    }

    [Fact]
    public void AGIX_SHARED_DATA_replaces_the_search()
    {
        var found = Directory.CreateDirectory(Path.Combine(_work.Folder, "shared", "data", "market")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(_work.Folder, "elsewhere", "data", "market")).FullName;
        var start = Directory.CreateDirectory(Path.Combine(_work.Folder, "repo")).FullName;

        SharedData.FindMarketDirectory(Path.Combine(_work.Folder, "elsewhere"), start).Should().Be(other);
        SharedData.FindMarketDirectory(Path.Combine(_work.Folder, "nonexistent"), start)
            .Should().BeNull("a named folder without data/market hides the one above ({0}), to run as a fork would", found);
    }

    [Fact]
    public void The_skip_reason_names_the_folder_and_how_to_make_the_tests_mandatory()
    {
        var skip = SharedData.MissingReason(null, "/x/repo/bin", required: false);
        skip.Should().Contain("../shared/data/market").And.Contain("/x/repo/bin").And.Contain("AGIX_REQUIRE_SHARED_DATA=1").And.Contain("Skipped");

        var named = SharedData.MissingReason("/nonexistent", "/x/repo/bin", required: false);
        named.Should().Contain("AGIX_SHARED_DATA=/nonexistent has no data/market folder").And.Contain("AGIX_REQUIRE_SHARED_DATA=1");

        var fail = SharedData.MissingReason(null, "/x/repo/bin", required: true);
        fail.Should().Contain("../shared/data/market").And.Contain("AGIX_REQUIRE_SHARED_DATA=1").And.Contain("fails instead of being skipped");
    }
}
