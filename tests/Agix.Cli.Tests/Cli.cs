using System.CommandLine;
using Agix.Cli;

namespace Agix.Tests;

/// <summary>Runs the agix command in process with captured output and error writers.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AgixCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

/// <summary>A small valid data folder written by hand: 3 names, one per theme of a 3-theme budget.</summary>
internal sealed class SmallData : IDisposable
{
    public SmallData()
    {
        Folder = Path.Combine(Path.GetTempPath(), "agix-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Write("universe.csv", "symbol,name,theme\nAAA,Alpha Corp,compute\nBBB,Beta Inc,cloud\nCCC,\"Gamma, Ltd\",software\n");
        Write("methodology.json", """
            { "name": "Test Index", "baseDate": "2024-01-09", "returnType": "price",
              "rebalance": { "months": [1], "selectionLagDays": 2 },
              "weighting": { "scheme": "theme-budget", "stockCap": 1, "themeBudgets": { "compute": 0.5, "cloud": 0.3, "software": 0.2 } },
              "benchmarks": ["SPY"] }
            """);
        var prices = new System.Text.StringBuilder("date,symbol,close,market_cap,dividend,split_ratio\n");
        var benchmarks = new System.Text.StringBuilder("date,symbol,close,dividend\n");
        string[] days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12", "2024-01-16", "2024-01-17", "2024-01-18", "2024-01-19", "2024-01-22"];
        for (var i = 0; i < days.Length; i++)
        {
            prices.Append(System.Globalization.CultureInfo.InvariantCulture, $"{days[i]},AAA,{100 + i},{1000 + (10 * i)},0,1\n");
            prices.Append(System.Globalization.CultureInfo.InvariantCulture, $"{days[i]},BBB,{50 + i},{500},{(i == 8 ? "0.5" : "0")},1\n");
            prices.Append(System.Globalization.CultureInfo.InvariantCulture, $"{days[i]},CCC,{20 - (i * 0.5)},{200},0,1\n");
            benchmarks.Append(System.Globalization.CultureInfo.InvariantCulture, $"{days[i]},SPY,{470 + i},0\n");
        }

        Write("prices.csv", prices.ToString());
        Write("benchmarks.csv", benchmarks.ToString());
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
