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
public class LargeObjectThresholdVariants : ManualConfig
{
    /// <summary>Creates the two jobs from BenchmarkDotNet's default job.</summary>
    public LargeObjectThresholdVariants()
        : this(Job.Default)
    {
    }

    /// <summary>Creates the two jobs from <paramref name="job"/>.</summary>
    protected LargeObjectThresholdVariants(Job job)
    {
        AddJob(job.WithId("DefaultGC"));
        AddJob(job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x400000")).WithId("LOH4MB"));
    }
}

/// <summary>The same two jobs as <see cref="LargeObjectThresholdVariants"/>, as short runs (3 iterations).</summary>
public sealed class ShortLargeObjectThresholdVariants : LargeObjectThresholdVariants
{
    /// <summary>Creates the two short jobs.</summary>
    public ShortLargeObjectThresholdVariants()
        : base(Job.ShortRun)
    {
    }
}
