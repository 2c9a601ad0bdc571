using System.Diagnostics;
using System.Globalization;
using MlMath.Samples.DifferentialEquations;
using MlMath.Samples.Explainability;
using MlMath.Samples.GeometricDeepLearning;
using MlMath.Samples.LinearAlgebra;
using MlMath.Samples.Manifolds;
using MlMath.Samples.NeuralNetworks;
using MlMath.Samples.Optimization;
using MlMath.Samples.PhysicsInformed;
using MlMath.Samples.Regularization;
using MlMath.Samples.TransferLearning;
using Spectre.Console;

namespace MlMath.Samples.Tour;

/// <summary>
/// The Tour: a short demonstration of every syllabus topic built so far, with a summary table of what ran,
/// its key number and its time. Exit codes: 0 success, 1 a topic failed, 2 bad command line or output folder.
/// </summary>
public static class TourProgram
{
    /// <summary>The topics, in syllabus order. Each later chapter adds its stop here.</summary>
    public static IReadOnlyList<TourTopic> Topics { get; } =
    [
        new("linear-algebra", "Least squares three ways; autodiff gradient checks", LinearAlgebraSample.Run),
        new("neural-networks", "MLPs on two moons and the 8x8 digits", NeuralNetworksSample.Run),
        new("optimization", "GD, momentum, Nesterov, Adam, L-BFGS on Rosenbrock; logistic regression", OptimizationSample.Run),
        new("regularization", "L2, dropout, early stopping; batch norm in a deep sigmoid net", RegularizationSample.Run),
        new("graphs", "GCN on the karate club and Cora, GAT on Cora, beside the papers' accuracies", GeometricDeepLearningSample.Run),
        new("manifolds", "Swiss roll by PCA, Isomap, LLE, Laplacian eigenmaps, t-SNE; digits by t-SNE", ManifoldsSample.Run),
        new("differential-equations", "ODE solvers, Lotka-Volterra, a neural ODE on the spiral, work-precision", DifferentialEquationsSample.Run),
        new("pdes", "Burgers' flow by lines and by a PINN; Black-Scholes by Crank-Nicolson, Monte Carlo and a PINN", PhysicsInformedSample.Run),
        new("explainability", "Saliency, SmoothGrad, integrated gradients on digits; permutation importance and Shapley on Iris", ExplainabilitySample.Run),
        new("transfer-learning", "Pretrain on digits 0-4, learn 5-9 from few examples: frozen body vs fine-tuning vs scratch", TransferLearningSample.Run),
    ];

    /// <summary>Runs the Tour with the command-line arguments; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var console = AnsiConsole.Console;
        string? topicName = null;
        var output = Path.Combine(Environment.CurrentDirectory, "tour-output");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    PrintHelp(console);
                    return 0;
                case "--topic" when i + 1 < args.Length:
                    topicName = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    return Fail(console, $"unknown or incomplete argument '{args[i]}'. Use --help.");
            }
        }

        var selected = topicName is null ? Topics : Topics.Where(t => t.Name == topicName).ToList();
        if (selected.Count == 0)
        {
            return Fail(console, $"unknown topic '{topicName}'. Topics: {string.Join(", ", Topics.Select(t => t.Name))}.");
        }

        if (!TryPrepareOutput(output, out var problem)) return Fail(console, $"cannot write to output folder '{output}': {problem}");

        var table = new Table().AddColumns("Topic", "What ran", "Key number", "Time");
        var failures = 0;
        foreach (var topic in selected)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(topic.Name)}[/]").LeftJustified());
            var clock = Stopwatch.StartNew();
            string key;
            try
            {
                key = topic.Run(console, output);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                key = "FAILED: " + e.Message;
                console.WriteException(e);
            }

            var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
            table.AddRow(Markup.Escape(topic.Name), Markup.Escape(topic.Title), Markup.Escape(key), seconds);
        }

        console.Write(new Rule("[bold]Summary[/]").LeftJustified());
        console.Write(table);
        console.WriteLine($"Figures and reports were written to {output}");
        console.WriteLine(failures == 0 ? "Tour complete." : $"Tour finished with {failures} failed topic(s).");
        return failures == 0 ? 0 : 1;
    }

    private static bool TryPrepareOutput(string folder, out string problem)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".write-test");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            problem = string.Empty;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = e.Message;
            return false;
        }
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return 2;
    }

    private static void PrintHelp(IAnsiConsole console)
    {
        console.WriteLine("MlMath tour: a short demonstration of every syllabus topic.");
        console.WriteLine();
        console.WriteLine("Usage: dotnet run --project samples/Tour [-- options]");
        console.WriteLine("  --topic NAME   run one topic only");
        console.WriteLine("  --out DIR      folder for figures and reports (default ./tour-output)");
        console.WriteLine("  --help         this text");
        console.WriteLine();
        console.WriteLine("Topics:");
        foreach (var topic in Topics) console.WriteLine($"  {topic.Name,-16} {topic.Title}");
    }
}
