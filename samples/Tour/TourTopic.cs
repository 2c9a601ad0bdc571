using Spectre.Console;

namespace MlMath.Samples.Tour;

/// <summary>One stop of the tour: a syllabus topic and the sample code that demonstrates it.</summary>
/// <param name="Name">The name used with <c>--topic</c>.</param>
/// <param name="Title">What the topic shows, for the summary table.</param>
/// <param name="Run">Runs the demonstration, writing to the console and figures to the output folder;
/// returns the key number to show in the summary (e.g. "QR error 3e-10 vs normal equations 2e-3").</param>
public sealed record TourTopic(string Name, string Title, Func<IAnsiConsole, string, string> Run);
