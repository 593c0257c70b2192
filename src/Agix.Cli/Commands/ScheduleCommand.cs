using System.CommandLine;
using Agix.Cli.Output;
using NodaTime;

namespace Agix.Cli.Commands;

/// <summary>
/// <c>agix schedule [--from DATE] [--to DATE]</c>: the rebalance dates T and selection dates S of the methodology,
/// from the NYSE calendar alone (past and future), so that a workflow can ask "is today S?".
/// </summary>
internal static class ScheduleCommand
{
    /// <summary>How many rebalances are listed when no <c>--to</c> is given.</summary>
    public const int DefaultCount = 4;

    /// <summary>Today in New York, for the default start (the only use of the clock; tests replace it).</summary>
    internal static Func<LocalDate> Today { get; set; } =
        () => SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;

    /// <summary>The last date the schedule reaches (the calendar's year range ends in 9999; a roll may cross a year end).</summary>
    private static readonly LocalDate LastDate = new(9998, 12, 31);

    public static Command Create()
    {
        var inputs = new InputOptions();
        var command = new Command("schedule", "List the rebalance dates T and their selection dates S of the methodology, past or future, from the NYSE calendar (no price data needed). Only rebalances after the methodology's base date. Without --to: the next four from --from (default: today in New York).\n\nExamples:\n  agix schedule\n  agix schedule --from 2026-01-01 --to 2026-12-31 --format json\n  agix schedule --from $(date +%F) --format csv | sed -n 2p   # the next T,S");
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: false);
            var outputs = inputs.Outputs(result, paths);
            var methodology = paths.Methodology is { } file && File.Exists(file) ? Methodology.Load(file) : Methodology.Default;
            var given = result.GetValue(inputs.From);
            var to = result.GetValue(inputs.To);
            foreach (var (option, d) in new[] { ("--from", given), ("--to", to) })
            {
                if (d > LastDate)
                {
                    throw new UsageException($"{option} {Fmt.Date(d.Value)}: the schedule reaches {Fmt.Date(LastDate)} at most");
                }
            }

            // Every scheduled T strictly after the base date is a rebalance (methodology §2): earlier quarters are not.
            var start = given ?? Today();
            var from = start > methodology.BaseDate ? start : methodology.BaseDate.PlusDays(1);
            var dates = to is { } end
                ? IndexCalculator.Schedule(methodology.RebalanceRules, from, end)
                : [.. IndexCalculator.Schedule(methodology.RebalanceRules, from, from.Year + DefaultCount + 1 > LastDate.Year ? LastDate : from.PlusYears(DefaultCount + 1)).Take(DefaultCount)];
            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w => Write(w, format, methodology, dates));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(TextWriter w, string? format, Methodology m, IReadOnlyList<RebalanceDate> dates)
    {
        switch (format)
        {
            case "json":
                Json.Write(w, j =>
                {
                    j.WriteStartArray();
                    foreach (var d in dates)
                    {
                        j.WriteStartObject();
                        j.WriteString("date", Fmt.Date(d.Date));
                        j.WriteString("selectionDate", Fmt.Date(d.SelectionDate));
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                });
                break;
            case "csv":
                using (var csv = new CsvOut(w))
                {
                    csv.Header("date", "selection_date");
                    foreach (var d in dates)
                    {
                        csv.Date(d.Date).Date(d.SelectionDate).End();
                    }
                }

                break;
            case "markdown":
                w.WriteLine($"## {m.Name}: rebalance schedule ({Labels.Rebalancing(m.RebalanceRules.Months)})");
                w.WriteLine();
                w.WriteLine("| rebalance date T | selection date S |");
                w.WriteLine("| --- | --- |");
                foreach (var d in dates)
                {
                    w.WriteLine($"| {Fmt.Date(d.Date)} | {Fmt.Date(d.SelectionDate)} |");
                }

                break;
            default:
                w.WriteLine($"{m.Name}: rebalance schedule ({Labels.Rebalancing(m.RebalanceRules.Months)}, third Friday rolled {(m.RebalanceRules.HolidayRoll == HolidayRoll.Preceding ? "back" : "forward")} to a trading day, selection {m.RebalanceRules.SelectionLagDays} trading days before)");
                w.WriteLine();
                var table = new TextTable("rebalance date T", "selection date S");
                foreach (var d in dates)
                {
                    table.Add(Fmt.Date(d.Date), Fmt.Date(d.SelectionDate));
                }

                table.WriteTo(w, "  ");
                break;
        }
    }
}
