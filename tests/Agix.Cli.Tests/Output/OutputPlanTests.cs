using System.Diagnostics;
using Agix.Cli;

namespace Agix.Tests.Output;

/// <summary>
/// An output never destroys data: it may not replace a file of a data folder (unless --force), nor a file the run
/// reads (even with --force), and two outputs of one run may not name the same file. All of it is checked before
/// anything is computed or written.
/// </summary>
public sealed class OutputPlanTests : IDisposable
{
    private readonly SmallData _data = new();
    private readonly SmallData _other = new();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "agix-out-" + Guid.NewGuid().ToString("N"));

    public OutputPlanTests() => Directory.CreateDirectory(_scratch);

    public void Dispose()
    {
        _data.Dispose();
        _other.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Backtest_output_to_the_repository_data_prices_is_refused_and_the_file_is_unchanged()
    {
        // The reported scenario: from the repository root, 'agix backtest -o data/prices.csv' while the run reads
        // its bundled copy of the data next to the executable.
        var repo = Path.Combine(_scratch, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "data"));
        foreach (var file in Directory.GetFiles(RepoFiles.Path("data")))
        {
            File.Copy(file, Path.Combine(repo, "data", Path.GetFileName(file)));
        }

        var prices = Path.Combine(repo, "data", "prices.csv");
        var before = File.ReadAllBytes(prices);

        var (exit, output, error) = RunProcess(repo, "backtest", "-o", "data/prices.csv");

        exit.Should().Be(1, error);
        error.Trim().Should().Contain("--output data/prices.csv").And.Contain("--force").And.NotContain("   at ");
        output.Should().BeEmpty();
        File.ReadAllBytes(prices).Should().Equal(before);
        Directory.GetFiles(Path.Combine(repo, "data")).Should().HaveCount(Directory.GetFiles(RepoFiles.Path("data")).Length, "no temporary file is left");
    }

    [Theory]
    [InlineData("--output", "prices.csv")]
    [InlineData("--output", "benchmarks.csv")]
    [InlineData("--output", "universe.csv")]
    [InlineData("--output", "methodology.json")]
    [InlineData("--output", "SYNTHETIC")]
    [InlineData("--output", "README.md")]
    [InlineData("--output", "scores.csv")]
    [InlineData("--rolling", "prices.csv")]
    [InlineData("--theme-weights", "universe.csv")]
    [InlineData("--chart", "old-chart.png")]
    [InlineData("--chart-years", "old-chart.svg")]
    public void An_output_may_not_replace_a_file_of_a_data_folder_the_run_does_not_read(string option, string file)
    {
        var target = _other.Write(file, "precious\n");
        var fresh = Path.Combine(_scratch, "fresh.csv");
        var other = option == "--output" ? "--rolling" : "--output";

        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, other, fresh, option, target);

        exit.Should().Be(1, error);
        error.Should().Contain($"{option} {target}").And.Contain("data folder").And.Contain("--force");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        File.ReadAllText(target).Should().Be("precious\n");
        File.Exists(fresh).Should().BeFalse("nothing is written when one output is refused");
        output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("levels")]
    [InlineData("rebalance")]
    [InlineData("validate")]
    public void Every_command_refuses_to_replace_a_file_of_a_data_folder(string command)
    {
        var before = File.ReadAllBytes(_other.File("prices.csv"));

        string[] date = command == "rebalance" ? ["--date", "2024-01-19"] : [];

        var (exit, _, error) = Cli.Run([command, "--data", _data.Folder, .. date, "-o", _other.File("prices.csv")]);

        exit.Should().Be(1, error);
        error.Should().Contain("--force");
        File.ReadAllBytes(_other.File("prices.csv")).Should().Equal(before);
    }

    [Fact]
    public void With_force_an_output_replaces_a_file_of_a_data_folder_the_run_does_not_read()
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "-f", "csv", "-o", _other.File("prices.csv"), "--force");

        exit.Should().Be(0, error);
        File.ReadAllText(_other.File("prices.csv")).Should().StartWith("date,index,SPY\n");
    }

    [Fact]
    public void A_new_file_in_a_data_folder_is_written()
    {
        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "-f", "csv", "-o", _data.File("levels.csv"));

        exit.Should().Be(0, error);
        File.ReadAllText(_data.File("levels.csv")).Should().StartWith("date,level");
    }

    [Fact]
    public void A_file_in_a_folder_that_is_not_a_data_folder_is_replaced()
    {
        var target = Path.Combine(_scratch, "prices.csv");
        File.WriteAllText(target, "old\n");

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "-f", "csv", "-o", target);

        exit.Should().Be(0, error);
        File.ReadAllText(target).Should().StartWith("date,level");
    }

    [Theory]
    [InlineData("prices.csv")]
    [InlineData("methodology.json")]
    [InlineData("universe.csv")]
    public void An_output_that_is_a_file_the_run_reads_is_refused_even_with_force(string file)
    {
        var before = File.ReadAllBytes(_data.File(file));

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--output", _data.File(file), "--force");

        exit.Should().Be(1, error);
        error.Should().Contain($"--output {_data.File(file)}").And.Contain("this run reads");
        File.ReadAllBytes(_data.File(file)).Should().Equal(before);
    }

    [Fact]
    public void An_input_given_by_its_own_option_is_refused_as_an_output_even_outside_a_data_folder()
    {
        var prices = Path.Combine(_scratch, "my-prices.csv");
        File.Copy(_data.File("prices.csv"), prices);
        var before = File.ReadAllBytes(prices);

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--prices", prices, "--output", Path.Combine(_scratch, ".", "my-prices.csv"), "--force");

        exit.Should().Be(1, error);
        error.Should().Contain("this run reads");
        File.ReadAllBytes(prices).Should().Equal(before);
    }

    [Fact]
    public void Two_outputs_that_name_the_same_file_are_refused_before_anything_is_written()
    {
        var target = Path.Combine(_scratch, "out.csv");
        var same = Path.Combine(_scratch, "sub", "..", "out.csv");

        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--rolling", target, "--theme-weights", same);

        exit.Should().Be(1, error);
        error.Should().Contain("--rolling").And.Contain("--theme-weights").And.Contain("same file");
        File.Exists(target).Should().BeFalse();
        output.Should().BeEmpty();
    }

    [Fact]
    public void Two_outputs_that_reach_the_same_file_through_a_link_are_refused()
    {
        var target = Path.Combine(_scratch, "out.csv");
        File.WriteAllText(target, "old\n");
        var link = Path.Combine(_scratch, "link.csv");
        File.CreateSymbolicLink(link, target);

        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "-o", target, "--rolling", link);

        exit.Should().Be(1, error);
        error.Should().Contain("same file");
        File.ReadAllText(target).Should().Be("old\n");
    }

    [Fact]
    public void A_link_to_a_file_of_a_data_folder_is_refused()
    {
        var before = File.ReadAllBytes(_other.File("prices.csv"));
        var link = Path.Combine(_scratch, "link.csv");
        File.CreateSymbolicLink(link, _other.File("prices.csv"));

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "-o", link);

        exit.Should().Be(1, error);
        error.Should().Contain("--force");
        File.ReadAllBytes(_other.File("prices.csv")).Should().Equal(before);
    }

    [Fact]
    public void Devices_are_still_written()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "-o", "/dev/null", "--rolling", "/dev/null", "--theme-weights", "/dev/stdout");

        exit.Should().Be(0, "a device named twice is not a duplicate output: " + error);
        output.Should().BeEmpty("/dev/stdout is the process's, not the injected writer");
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("levels")]
    [InlineData("rebalance")]
    [InlineData("validate")]
    public void Every_command_documents_force(string command)
    {
        Cli.Run(command, "--help").Out.Should().Contain("--force");
    }

    private static (int Exit, string Output, string Error) RunProcess(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder };
        start.ArgumentList.Add(typeof(AgixCommand).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
