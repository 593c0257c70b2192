using System.Text.Json;
using Agix.Cli.Commands;
using NodaTime;

namespace Agix.Tests.Commands;

public sealed class ScheduleCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    private static List<(string Date, string Selection)> Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return [.. doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("date").GetString()!, e.GetProperty("selectionDate").GetString()!))];
    }

    [Theory]
    [InlineData("2022-12-01", "2022-12-31", "2022-12-16", "2022-12-09")]
    [InlineData("2023-06-01", "2023-06-30", "2023-06-16", "2023-06-09")]
    [InlineData("2024-06-01", "2024-06-30", "2024-06-21", "2024-06-13")]
    [InlineData("2025-06-01", "2025-06-30", "2025-06-20", "2025-06-12")]
    [InlineData("2026-06-01", "2026-06-30", "2026-06-18", "2026-06-11")]
    public void The_schedule_gives_the_spec_calendar_vectors(string from, string to, string t, string s)
    {
        var (exit, output, error) = Cli.Run("schedule", "--from", from, "--to", to, "--format", "json");

        exit.Should().Be(0, error);
        Json(output).Should().Equal((t, s));
    }

    [Fact]
    public void A_following_roll_moves_juneteenth_2026_forward()
    {
        _data.Write("methodology.json", """{ "rebalance": { "holidayRoll": "following" } }""");

        var (exit, output, error) = Cli.Run("schedule", "--data", _data.Folder, "--from", "2026-06-01", "--to", "2026-06-30", "--format", "json");

        exit.Should().Be(0, error);
        Json(output).Should().Equal(("2026-06-22", "2026-06-12"));
    }

    [Fact]
    public void Without_dates_it_lists_the_next_four_rebalances_from_today()
    {
        // Juneteenth 2027 falls on a Saturday and is observed on Friday 2027-06-18: T rolls back to Thursday.
        var saved = ScheduleCommand.Today;
        ScheduleCommand.Today = () => new LocalDate(2026, 12, 3);
        try
        {
            var (exit, output, error) = Cli.Run("schedule", "--format", "csv");

            exit.Should().Be(0, error);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
                "date,selection_date", "2026-12-18,2026-12-11", "2027-03-19,2027-03-12", "2027-06-17,2027-06-10", "2027-09-17,2027-09-10");
        }
        finally
        {
            ScheduleCommand.Today = saved;
        }
    }

    [Fact]
    public void Only_dates_after_the_base_date_are_rebalances()
    {
        // The base date is 2022-11-30: the 2022 quarters before it are not rebalances, the first is 2022-12-16.
        var (exit, output, error) = Cli.Run("schedule", "--from", "2022-01-01", "--to", "2023-03-31", "--format", "json");
        var (before, beforeOutput, _) = Cli.Run("schedule", "--from", "2020-01-01", "--to", "2022-11-30", "--format", "json");

        exit.Should().Be(0, error);
        Json(output).Should().Equal(("2022-12-16", "2022-12-09"), ("2023-03-17", "2023-03-10"));
        before.Should().Be(0);
        Json(beforeOutput).Should().BeEmpty();
    }

    [Fact]
    public void Far_future_dates_follow_the_holiday_rules_and_the_end_of_the_calendar_is_exit_1()
    {
        // 2100-06-18 is a Friday but Juneteenth: T rolls back to Thursday the 17th.
        var (exit, output, error) = Cli.Run("schedule", "--from", "2100-06-01", "--to", "2100-06-30", "--format", "json");
        var (last, lastOutput, lastError) = Cli.Run("schedule", "--from", "9998-10-01", "--format", "json");
        var (beyond, _, beyondError) = Cli.Run("schedule", "--from", "9999-06-01");
        var (beyondTo, _, beyondToError) = Cli.Run("schedule", "--from", "2026-01-01", "--to", "9999-12-31");

        exit.Should().Be(0, error);
        Json(output).Should().Equal(("2100-06-17", "2100-06-10"));
        last.Should().Be(0, lastError);
        Json(lastOutput).Should().Equal(("9998-12-18", "9998-12-11"));
        beyond.Should().Be(1);
        beyondError.Should().Contain("--from 9999-06-01: the schedule reaches 9998-12-31 at most");
        beyondTo.Should().Be(1);
        beyondToError.Should().Contain("--to 9999-12-31");
    }

    [Fact]
    public void The_table_names_the_rules_and_a_bad_date_is_exit_1()
    {
        var (exit, output, _) = Cli.Run("schedule", "--from", "2026-01-01", "--to", "2026-12-31");
        var (bad, _, badError) = Cli.Run("schedule", "--from", "2026-13-01");

        exit.Should().Be(0);
        output.Should().Contain("quarterly rebalancing, third Friday rolled back to a trading day, selection 5 trading days before").And.Contain("2026-03-20        2026-03-13");
        bad.Should().Be(1);
        badError.Should().Contain("--from");
    }
}
