using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlMath.Benchmarks;

/// <summary>
/// Two jobs: the default GC settings, and the large-object threshold raised to 4 MB (DOTNET_GCLOHThreshold, the
/// same setting the Tour uses through System.GC.LOHThreshold in its project file). A matrix of more than
/// 85,000 bytes (10,625 doubles, e.g. the 784 x 128 weight gradient) is a large object by default, and every
/// large allocation brings the next gen-2 collection closer; a training loop that makes one per step pays for
/// a full collection every few steps.
/// </summary>
public sealed class LargeObjectThresholdVariants : ManualConfig
{
    /// <summary>Creates the two jobs.</summary>
    public LargeObjectThresholdVariants()
    {
        AddJob(Job.Default.WithId("DefaultGC"));
        AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x400000")).WithId("LOH4MB"));
    }
}
