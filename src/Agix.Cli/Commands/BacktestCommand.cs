using System.CommandLine;
using Agix.Cli.Charts;

namespace Agix.Cli.Commands;

/// <summary><c>agix backtest</c>: the index against its benchmarks, with statistics, period tables and attribution.</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions("html");
        var riskFree = InputOptions.NumberOption("--risk-free", "Annual risk-free rate as a fraction, e.g. 0.04 for 4 % (default: the methodology's)", -1, 1, "0.04 for 4 %", minExclusive: true);
        riskFree.HelpName = "RATE";
        var chart = InputOptions.ChartOption("--chart", "Draw the index against the benchmarks, its drawdown and the theme weights (.png or .svg)");
        var chartYears = InputOptions.ChartOption("--chart-years", "Draw the calendar-year returns as grouped bars (.png or .svg)");
        var logScale = new Option<bool>("--log-scale") { Description = "Use a logarithmic level axis in --chart" };
        var weights = new Option<string?>("--theme-weights") { Description = "Write the daily end-of-day weight of each theme as CSV to this file", HelpName = "FILE" };
        var rolling = new Option<string?>("--rolling") { Description = "Write the rolling 126-day volatility and beta as CSV to this file", HelpName = "FILE" };
        var command = new Command("backtest", "Build the index and compare it with the benchmarks from the ChatGPT launch (2022-11-30): statistics, calendar-year and monthly returns, drawdowns and attribution.\n\nExamples:\n  agix backtest\n  agix backtest --data ./real --format markdown --output report.md --chart index.png --log-scale")
        {
            riskFree, chart, chartYears, logScale, rolling, weights,
        };
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: true);
            var outputs = inputs.Outputs(result, paths, chart, chartYears, rolling, weights);
            var data = Inputs.Load(paths);
            data = data.WithMethodology(inputs.Apply(result, data.Methodology));
            var bt = Backtest.Run(data, new BacktestOptions(inputs.BenchmarkSymbols(result), result.GetValue(inputs.From), result.GetValue(inputs.To), result.GetValue(riskFree)));
            inputs.Report(result, stderr, [.. data.Warnings, .. bt.Index.Warnings, .. bt.Warnings]);
            var report = new BacktestReport(data, paths, bt);
            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w =>
            {
                switch (format)
                {
                    case "json": report.Json(w); break;
                    case "csv": report.LevelsCsv(w); break;
                    case "markdown": report.Markdown(w); break;
                    case "html": report.Html(w); break;
                    default: report.Table(w); break;
                }
            });
            outputs.WriteText(rolling, report.RollingCsv);
            outputs.WriteText(weights, report.ThemeWeightsCsv);
            outputs.WriteBytes(chart, path => ChartRenderer.Performance(report.PerformanceChart(result.GetValue(logScale)), ChartFormats.FromPath(path)));
            outputs.WriteBytes(chartYears, path => ChartRenderer.CalendarYears(report.YearsChart(), ChartFormats.FromPath(path)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
