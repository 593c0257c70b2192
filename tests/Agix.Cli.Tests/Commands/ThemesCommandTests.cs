using System.Text.Json;

namespace Agix.Tests.Commands;

/// <summary>Themes are data: any names from the methodology, and the score-blend scheme with scores.csv.</summary>
public sealed class ThemesCommandTests : IDisposable
{
    private const string Agix404020 = """
        { "name": "AGIX categories", "baseDate": "2024-01-09", "returnType": "price",
          "rebalance": { "months": [1], "selectionLagDays": 2 },
          "weighting": { "scheme": "SCHEME", "stockCap": 1, "themeBudgets": { "Hardware": 0.4, "infrastructure": 0.4, "applications": 0.2 } },
          "benchmarks": ["SPY"] }
        """;

    private readonly SmallData _data = new();

    public ThemesCommandTests()
    {
        _data.Write("universe.csv", "symbol,name,theme\nAAA,Alpha Corp,hardware\nBBB,Beta Inc,INFRASTRUCTURE\nCCC,\"Gamma, Ltd\",applications\n");
        _data.Write("methodology.json", Agix404020.Replace("SCHEME", "theme-budget", StringComparison.Ordinal));
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void The_agix_categories_at_40_40_20_run_every_command_with_their_names_in_lower_case()
    {
        var (exit, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--format", "json");
        var (btExit, btOutput, btError) = Cli.Run("backtest", "--data", _data.Folder);

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var weights = doc.RootElement.GetProperty("constituents").EnumerateArray().ToDictionary(c => c.GetProperty("theme").GetString()!, c => c.GetProperty("weight").GetDouble());
        weights.Should().BeEquivalentTo(new Dictionary<string, double> { ["hardware"] = 0.4, ["infrastructure"] = 0.4, ["applications"] = 0.2 });
        btExit.Should().Be(0, btError);
        btOutput.Should().Contain("theme budgets hardware 40 / infrastructure 40 / applications 20 %");
    }

    [Fact]
    public void A_universe_theme_without_a_budget_is_an_error_naming_it_and_the_themes_that_have_one()
    {
        _data.Write("universe.csv", "symbol,name,theme\nAAA,Alpha Corp,hardware\nBBB,Beta Inc,robotics\nCCC,\"Gamma, Ltd\",applications\n");

        var (exit, _, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(2);
        error.Should().Contain("universe.csv: error: theme 'robotics' (BBB) has no budget in ").And.Contain("methodology.json; the themes with a budget are applications, hardware, infrastructure");
    }

    [Fact]
    public void Score_blend_needs_scores_and_reads_them_from_the_data_folder_or_scores()
    {
        _data.Write("methodology.json", Agix404020.Replace("SCHEME", "score-blend", StringComparison.Ordinal));
        var scores = Path.Combine(_data.Folder, "elsewhere.csv");
        File.WriteAllText(scores, "date,symbol,score\n2024-01-02,AAA,0.5\n2024-01-02,BBB,0.7\n2024-01-02,CCC,0.9\n");

        var (noScores, _, noScoresError) = Cli.Run("validate", "--data", _data.Folder);
        var (given, _, givenError) = Cli.Run("backtest", "--data", _data.Folder, "--scores", scores);
        File.Copy(scores, _data.File("scores.csv"));
        var (inFolder, _, inFolderError) = Cli.Run("backtest", "--data", _data.Folder);

        noScores.Should().Be(2);
        noScoresError.Should().Contain("methodology.json: error: the score-blend scheme needs scores: a scores.csv in the data folder (date,symbol,score) or --scores FILE");
        given.Should().Be(0, givenError);
        inFolder.Should().Be(0, inFolderError);
    }

    [Fact]
    public void A_missing_or_negative_score_is_an_error_with_its_file_and_line()
    {
        _data.Write("methodology.json", Agix404020.Replace("SCHEME", "score-blend", StringComparison.Ordinal));
        _data.Write("scores.csv", "date,symbol,score\n2024-01-02,AAA,0.5\n2024-01-12,BBB,0.7\n2024-01-02,CCC,0.9\n");

        var (missing, _, missingError) = Cli.Run("backtest", "--data", _data.Folder);
        _data.Write("scores.csv", "date,symbol,score\n2024-01-02,AAA,0.5\n2024-01-02,BBB,-0.7\n2024-01-02,CCC,0.9\n");
        var (negative, _, negativeError) = Cli.Run("backtest", "--data", _data.Folder);

        missing.Should().Be(2);
        missingError.Should().Contain("scores.csv: error: base date 2024-01-09: BBB has no score on or before the selection date 2024-01-05");
        negative.Should().Be(2);
        negativeError.Should().Contain("scores.csv:3:3: error: score must not be negative, got -0.7");
    }

    [Fact]
    public void A_theme_whose_scores_sum_to_zero_is_an_error_naming_the_rows()
    {
        _data.Write("methodology.json", Agix404020.Replace("SCHEME", "score-blend", StringComparison.Ordinal));
        _data.Write("scores.csv", "date,symbol,score\n2024-01-02,AAA,0.5\n2024-01-02,BBB,0\n2024-01-02,CCC,0.9\n");

        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder);

        exit.Should().Be(2);
        error.Should().Contain("scores.csv:3: error: base date 2024-01-09: the scores of theme infrastructure sum to 0 on the selection date 2024-01-05: BBB (line 3)");
    }

    [Fact]
    public void Every_rebalance_says_which_names_joined_and_left()
    {
        // CCC stops trading after 2024-01-12: the January rebalance (2024-01-19) leaves it out; with a new universe
        // member DDD arriving, it joins.
        _data.Write("universe.csv", "symbol,name,theme\nAAA,Alpha Corp,hardware\nBBB,Beta Inc,infrastructure\nCCC,\"Gamma, Ltd\",applications\nDDD,Delta,applications\n");
        var prices = File.ReadAllLines(_data.File("prices.csv")).ToList();
        prices.RemoveAll(l => l.StartsWith("2024-01-1", StringComparison.Ordinal) && l.Contains(",CCC,", StringComparison.Ordinal) && string.CompareOrdinal(l, "2024-01-12") > 0);
        foreach (var day in new[] { "2024-01-12", "2024-01-16", "2024-01-17", "2024-01-18", "2024-01-19", "2024-01-22" })
        {
            prices.Add($"{day},DDD,10,100,0,1");
        }

        File.WriteAllLines(_data.File("prices.csv"), prices);

        var (exit, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("added").EnumerateArray().Select(e => e.GetString()).Should().Equal("DDD");
        doc.RootElement.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).Should().Equal("CCC");
    }
}
