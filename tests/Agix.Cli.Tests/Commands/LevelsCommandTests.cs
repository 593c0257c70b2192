using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class LevelsCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Levels_as_csv_start_with_date_and_level_and_begin_at_the_base_value()
    {
        var (exit, output, error) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("date,level,price_return,gross_total_return,net_total_return");
        lines[1].Should().Be("2024-01-09,1000,1000,1000,1000");
        lines.Should().HaveCount(1 + 9, "the base date and the 8 trading days after it");
    }

    [Fact]
    public void The_levels_follow_the_hand_computed_units()
    {
        // Base 2024-01-09 (i = 5): AAA 105, BBB 55, CCC 17.5; weights 0.5/0.3/0.2 →
        // units 500/105, 300/55, 200/17.5. Next day (i = 6): 106, 56, 17.
        var expected = (500.0 / 105 * 106) + (300.0 / 55 * 56) + (200.0 / 17.5 * 17);

        var (_, output, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "json");

        using var doc = JsonDocument.Parse(output);
        var levels = doc.RootElement.GetProperty("levels");
        levels[1].GetProperty("date").GetString().Should().Be("2024-01-10");
        levels[1].GetProperty("level").GetDouble().Should().BeApproximately(expected, 1e-9);
        doc.RootElement.GetProperty("returnType").GetString().Should().Be("price");
    }

    [Fact]
    public void Return_type_override_selects_the_level_column()
    {
        var (_, price, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--return-type", "price");
        var (_, gross, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--return-type", "gross");

        var lastPrice = price.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',');
        var lastGross = gross.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',');
        lastPrice[1].Should().Be(lastPrice[2]);
        lastGross[1].Should().Be(lastGross[3]);
        double.Parse(lastGross[1], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(double.Parse(lastPrice[1], System.Globalization.CultureInfo.InvariantCulture), "BBB paid a dividend");
    }

    [Fact]
    public void From_and_to_restrict_the_rows()
    {
        var (_, output, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--from", "2024-01-11", "--to", "2024-01-16");

        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l[..10]).Should().Equal("2024-01-11", "2024-01-12", "2024-01-16");
    }

    [Fact]
    public void Output_goes_to_the_file_and_no_temporary_file_is_left()
    {
        var target = _data.File("out.csv");

        var (exit, output, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", target);

        exit.Should().Be(0);
        output.Should().BeEmpty();
        File.ReadAllText(target).Should().StartWith("date,level");
        Directory.GetFiles(_data.Folder, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void An_output_that_points_at_an_input_file_is_refused_and_the_input_is_untouched()
    {
        var before = File.ReadAllText(_data.File("prices.csv"));

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--output", _data.File("prices.csv"));

        exit.Should().Be(1);
        error.Should().Contain("this run reads that file");
        File.ReadAllText(_data.File("prices.csv")).Should().Be(before);
    }

    [Fact]
    public void An_output_in_a_missing_folder_is_a_clear_error()
    {
        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--output", Path.Combine(_data.Folder, "nope", "x.csv"));

        exit.Should().Be(3);
        error.Should().Contain("does not exist").And.NotContain("   at ");
    }

    [Fact]
    public void A_bad_price_is_exit_code_2_with_file_line_and_column_and_no_stack_trace()
    {
        _data.Write("prices.csv", "date,symbol,close,market_cap\n2024-01-09,AAA,1,1\n2024-01-09,BBB,oops,1\n");
        var target = _data.File("never.csv");

        var (exit, output, error) = Cli.Run("levels", "--data", _data.Folder, "--output", target);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("prices.csv:3:3: error: close 'oops' is not a number").And.NotContain("   at ");
        File.Exists(target).Should().BeFalse();
    }

    [Theory]
    [InlineData("levels", "--bogus")]
    [InlineData("levels", "--format", "xml")]
    [InlineData("levels", "--from", "2023-02-30")]
    [InlineData("rebalance")]
    public void A_command_line_that_cannot_be_parsed_is_exit_code_1(params string[] args)
    {
        Cli.Run(args).Exit.Should().Be(1);
    }

    [Theory]
    [InlineData("/dev/full")]
    [InlineData("/proc/agix-cannot-be-here.csv")]
    public void A_failed_write_is_a_clear_error_with_exit_code_3(string target)
    {
        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", target);

        exit.Should().Be(3);
        error.Should().StartWith($"error: {target}: cannot write").And.NotContain("   at ");
    }

    [Fact]
    public void Output_to_a_device_such_as_dev_null_is_written_in_place()
    {
        var (exit, _, _) = Cli.Run("levels", "--data", _data.Folder, "--output", "/dev/null");

        exit.Should().Be(0);
        File.Exists("/dev/null").Should().BeTrue();
        Directory.GetFiles("/dev", ".null.*").Should().BeEmpty();
    }

    [Fact]
    public void An_existing_output_file_is_replaced_whole()
    {
        Directory.CreateDirectory(_data.File("out"));
        var target = _data.Write("out/old.csv", new string('x', 1_000_000));

        var (exit, _, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", target);

        exit.Should().Be(0);
        File.ReadAllText(target).Should().StartWith("date,level").And.NotContain("x");
    }

    [Fact]
    public async Task Prices_can_come_from_a_named_pipe_that_can_be_read_only_once()
    {
        var fifo = _data.File("prices.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var content = File.ReadAllText(_data.File("prices.csv"));
        var writer = Task.Run(() => File.WriteAllTextAsync(fifo, content), TestContext.Current.CancellationToken);

        var (exit, output, error) = Cli.Run("levels", "--data", _data.Folder, "--prices", fifo, "--format", "csv");
        var (_, expected, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv");

        await writer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        exit.Should().Be(0, error);
        output.Should().Be(expected);
    }
}
