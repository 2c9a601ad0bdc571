using BenchmarkDotNet.Running;
using MlMath.Benchmarks;

// Run with: dotnet run -c Release --project tests/MlMath.Benchmarks -- --filter '*MatrixProduct*'
// or, for a quick best-of GFLOP/s table of the matrix product: ... -- gflops
if (args is ["gflops"])
{
    MatrixProductGflops.Run();
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
