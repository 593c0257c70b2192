namespace Agix.Tests.Commands;

public sealed class PolishTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (exit, output, _) = Cli.Run("--version");

        exit.Should().Be(0);
        output.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public void The_quick_version_answer_is_what_the_command_line_parser_prints()
    {
        var (_, output, _) = Cli.Run("--version");

        output.Should().Be(Agix.Cli.AgixCommand.Version + Environment.NewLine, "Program answers a lone --version before building the commands");
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("levels")]
    [InlineData("rebalance")]
    [InlineData("validate")]
    public void Every_command_has_help_with_an_example_and_the_shared_options(string command)
    {
        var (exit, output, _) = Cli.Run(command, "--help");

        exit.Should().Be(0);
        output.Should().Contain("Example").And.Contain($"agix {command}");
        output.Should().Contain("--data <DIR>").And.Contain("--prices <FILE>").And.Contain("--strict").And.Contain("--format <FORMAT>");
    }

    [Fact]
    public void Tab_completion_suggests_options_and_their_values()
    {
        var (_, options, _) = Cli.Run("[suggest:18]", "agix backtest --fo");
        var (_, values, _) = Cli.Run("[suggest:26]", "agix backtest --format mar");

        options.Should().Contain("--format");
        values.Should().Contain("markdown");
    }
}
