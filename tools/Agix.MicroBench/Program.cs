using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot paths, so that a regression shows as a number:
//   dotnet run -c Release --project tools/Agix.MicroBench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Agix.MicroBench.HotPaths).Assembly).Run(args);
