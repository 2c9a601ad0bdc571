namespace MlMath.Samples.LinearAlgebra;

/// <summary>The chapter 1 sample, callable from its own program and from the Tour.</summary>
public static class LinearAlgebraSample
{
    /// <summary>Runs the sample, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        output.WriteLine("MlMath chapter 1: linear algebra and automatic differentiation");
        return 0;
    }
}
