using Spectre.Console;

namespace MlMath.Samples.LinearAlgebra;

/// <summary>The chapter 1 sample, callable from its own program and from the Tour.</summary>
public static class LinearAlgebraSample
{
    /// <summary>Runs the sample; returns the key number for the Tour's summary.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        console.WriteLine("MlMath chapter 1: linear algebra and automatic differentiation");
        return "placeholder";
    }
}
