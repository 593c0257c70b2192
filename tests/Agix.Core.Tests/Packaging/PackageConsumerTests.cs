using System.Diagnostics;
using System.Globalization;

namespace Agix.Tests.Packaging;

/// <summary>
/// Packs Agix.Core, then builds and runs a small console program that references the package from a local folder
/// feed (not the project), as a NuGet user would.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private readonly TempFiles _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_console_program_using_the_packed_library_computes_the_same_backtest()
    {
        var version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
        var feed = Path.Combine(_work.Folder, "feed");
        Run("dotnet", $"pack \"{RepoFiles.Path("src", "Agix.Core", "Agix.Core.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} --artifacts-path \"{Path.Combine(_work.Folder, "artifacts")}\"", RepoFiles.RootFolder);
        File.Exists(Path.Combine(feed, $"Agix.Core.{version}.nupkg")).Should().BeTrue();
        File.Exists(Path.Combine(feed, $"Agix.Core.{version}.snupkg")).Should().BeTrue("a symbols package ships next to it");

        var app = Path.Combine(_work.Folder, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Agix.Core" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using Agix;

            var data = IndexData.Load(args[0]);
            var index = IndexCalculator.Compute(data);
            var result = Backtest.Run(data, new BacktestOptions(Benchmarks: ["SPY"]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"last={index.GrossTotalReturn[^1]:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cagr={result.Statistics.Cagr:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"beta={result.Benchmarks[0].Relative.Beta:R}"));
            """);

        var output = Run("dotnet", $"run --project \"{app}\" -- \"{RepoFiles.Path("data")}\"", app);

        var data = IndexData.Load(RepoFiles.Path("data"));
        var expected = Backtest.Run(data, new BacktestOptions(Benchmarks: ["SPY"]));
        output.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"last={IndexCalculator.Compute(data).GrossTotalReturn[^1]:R}"));
        output.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"cagr={expected.Statistics.Cagr:R}"));
        output.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"beta={expected.Benchmarks[0].Relative.Beta:R}"));
    }

    private static string Run(string file, string arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit();
        var text = stdout.Result + stderr.Result;
        process.ExitCode.Should().Be(0, $"{file} {arguments} failed:\n{text}");
        return text;
    }
}
