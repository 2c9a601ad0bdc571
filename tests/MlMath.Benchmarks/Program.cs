using BenchmarkDotNet.Running;
using MlMath.Benchmarks;

// Run with: dotnet run -c Release --project tests/MlMath.Benchmarks -- --filter '*MatrixProduct*'
// or, for a quick best-of GFLOP/s table of the matrix product: ... -- gflops
// or, for the cost of cache lines moving between cores: ... -- cachelines
if (args is ["gflops"])
{
    MatrixProductGflops.Run();
}
else if (args is ["cachelines"])
{
    CacheLineTransfer.Run();
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
