using BenchmarkDotNet.Running;

// Micro-benchmarks of the send path's pieces; run by hand, e.g.
//   dotnet run -c Release --project tools/CleanChat.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
public partial class Program;
