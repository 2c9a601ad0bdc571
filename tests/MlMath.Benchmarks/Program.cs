using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/MlMath.Benchmarks -- --filter '*MatrixProduct*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
