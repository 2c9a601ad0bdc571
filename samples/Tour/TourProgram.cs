namespace MlMath.Samples.Tour;

/// <summary>Entry point of the Tour.</summary>
public static class TourProgram
{
    /// <summary>Runs the Tour with the command-line arguments; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        Console.WriteLine("MlMath tour");
        return 0;
    }
}
