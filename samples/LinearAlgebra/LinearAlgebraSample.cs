using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.LinearAlgebra;

/// <summary>
/// The chapter 1 sample: (1) least squares three ways on an ill-conditioned polynomial fit, showing why QR and
/// SVD beat the normal equations (cond(A^T A) = cond(A)^2); (2) a gradient-check table, the engine's
/// reverse-mode gradients against central finite differences; (3) a Hessian by double backward.
/// Callable from its own program and from the Tour.
/// </summary>
public static class LinearAlgebraSample
{
    /// <summary>Runs the sample; writes a text report into <paramref name="outputFolder"/>; returns the key number.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        var report = new List<string>();
        var keyNumber = LeastSquaresThreeWays(console, report);
        Directory.CreateDirectory(outputFolder);
        ErrorVersusConditioningFigure(Path.Combine(outputFolder, "la-least-squares-conditioning.png"));
        GradientCheckTable(console, report);
        HessianByDoubleBackward(console, report);

        Directory.CreateDirectory(outputFolder);
        var path = Path.Combine(outputFolder, "01-linear-algebra.txt");
        File.WriteAllLines(path, report);
        console.WriteLine($"Report written to {path}");
        return keyNumber;
    }

    private static string Format(double value) => value.ToString("0.0e+0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Fits a degree-(n-1) polynomial with all coefficients 1 to exact data at m points in [0, 1]: the
    /// Vandermonde matrix is notoriously ill-conditioned, so the three solvers' errors differ by orders of
    /// magnitude (forward error is about cond * eps for QR and SVD, cond^2 * eps for the normal equations).
    /// </summary>
    private static string LeastSquaresThreeWays(IAnsiConsole console, List<string> report)
    {
        console.MarkupLine("[bold]Least squares three ways[/]: fit p(t) = 1 + t + ... + t^(n-1) at 100 points in [[0, 1]]");
        var table = new Table().AddColumns("n", "cond(A)", "method", "max |x - x*|", "residual");
        report.Add("Least squares three ways (Vandermonde fit, exact coefficients all 1)");
        var key = string.Empty;
        foreach (var n in new[] { 6, 10, 12 })
        {
            var (a, b) = Vandermonde(100, n);
            var exact = Vector<double>.Build.Dense(n, 1.0);
            var solvers = new (string Name, Func<Matrix<double>, Vector<double>, LeastSquaresResult> Solve)[]
            {
                ("normal equations", LeastSquares.NormalEquations),
                ("QR", LeastSquares.Qr),
                ("SVD", (m, r) => LeastSquares.Svd(m, r)),
            };
            foreach (var (name, solve) in solvers)
            {
                string error, residual;
                try
                {
                    var result = solve(a, b);
                    error = Format((result.Solution - exact).InfinityNorm());
                    residual = Format(result.ResidualNorm);
                    table.AddRow(n.ToString(CultureInfo.InvariantCulture), Format(result.ConditionNumber), name, error, residual);
                }
                catch (ArgumentException e)
                {
                    // The normal equations can fail outright: A^T A is not numerically positive definite.
                    error = "failed";
                    residual = e.Message.Split(';')[0];
                    table.AddRow(n.ToString(CultureInfo.InvariantCulture), "", name, error, Markup.Escape(residual));
                }

                report.Add($"n = {n}, {name}: error {error}, residual {residual}");
            }

            if (n == 10)
            {
                var normal = (LeastSquares.NormalEquations(a, b).Solution - exact).InfinityNorm();
                var qr = (LeastSquares.Qr(a, b).Solution - exact).InfinityNorm();
                key = $"n=10 fit: QR error {Format(qr)} vs normal equations {Format(normal)}";
            }
        }

        console.Write(table);
        return key;
    }

    /// <summary>
    /// The forward error of each solver as the Vandermonde fit gets wider (and cond(A) grows), beside the two
    /// predictions cond(A) eps (backward-stable QR, SVD) and cond(A)^2 eps (normal equations).
    /// </summary>
    private static void ErrorVersusConditioningFigure(string path)
    {
        var columns = new List<double>();
        var normal = (X: new List<double>(), Y: new List<double>());
        var qr = new List<double>();
        var svd = new List<double>();
        var condEps = new List<double>();
        var cond2Eps = new List<double>();
        for (var n = 3; n <= 13; n++)
        {
            var (a, b) = Vandermonde(100, n);
            var exact = Vector<double>.Build.Dense(n, 1.0);
            var cond = Conditioning.ConditionNumber(a);
            columns.Add(n);
            qr.Add(Math.Max((LeastSquares.Qr(a, b).Solution - exact).InfinityNorm(), 1e-17));
            svd.Add(Math.Max((LeastSquares.Svd(a, b).Solution - exact).InfinityNorm(), 1e-17));
            condEps.Add(cond * 2.2e-16);
            cond2Eps.Add(cond * cond * 2.2e-16);
            try
            {
                normal.Y.Add(Math.Max((LeastSquares.NormalEquations(a, b).Solution - exact).InfinityNorm(), 1e-17));
                normal.X.Add(n);
            }
            catch (ArgumentException)
            {
                // A^T A is no longer numerically positive definite: the normal equations have no answer at all.
            }
        }

        new TrainingCurves
        {
            Title = "Least squares on a Vandermonde fit: error vs width",
            XLabel = "columns n (cond(A) grows from 1e1 to 1e9)",
            YLabel = "max |x - x*|",
            LogScaleY = true,
        }
            .Add("normal equations", normal.X, normal.Y)
            .Add("QR", columns, qr)
            .Add("SVD", columns, svd)
            .Add("cond(A) eps", columns, condEps)
            .Add("cond(A)^2 eps", columns, cond2Eps)
            .SavePng(path, 800, 500);
    }

    private static (Matrix<double> A, Vector<double> B) Vandermonde(int m, int n)
    {
        var a = DenseMatrix.Create(m, n, (i, j) => Math.Pow(i / (m - 1.0), j));
        var b = a * Vector<double>.Build.Dense(n, 1.0);
        return (a, b);
    }

    /// <summary>Reverse-mode gradients of a few typical losses against central finite differences.</summary>
    private static void GradientCheckTable(IAnsiConsole console, List<string> report)
    {
        console.MarkupLine("[bold]Gradient checks[/]: one backward pass vs 2n function evaluations");
        var rng = new Random(1);
        var x = DenseMatrix.Create(4, 3, (_, _) => rng.NextDouble() * 2 - 1);
        var w = Variable.Constant(DenseMatrix.Create(3, 2, (_, _) => rng.NextDouble() - 0.5));
        var labels = DenseMatrix.OfArray(new[,] { { 1.0, 0 }, { 0, 1 }, { 0, 1 }, { 1, 0 } });
        var cases = new (string Name, Func<Variable, Variable> F)[]
        {
            ("sum(tanh(X W))", v => (v * w).Tanh().Sum()),
            ("cross-entropy of softmax(X W)", v => -(v * w).LogSoftmaxRows().PointwiseMultiply(Variable.Constant(labels)).Sum() / 4.0),
            ("log-sum-exp of each row, summed", v => v.Exp().SumPerRow().Log().Sum()),
            ("mean(softplus(X) .* sigmoid(X))", v => v.Softplus().PointwiseMultiply(v.Sigmoid()).Mean()),
            ("sum(max per row) + |X|", v => v.MaxPerRow().Sum() + v.Abs().Sum()),
            ("Frobenius norm sqrt(sum X^2)", v => v.Square().Sum().Sqrt()),
        };

        var table = new Table().AddColumns("function of X (4x3)", "worst relative error", "at");
        foreach (var (name, f) in cases)
        {
            var result = AutodiffGradientCheck.Compare(f, x);
            var at = $"({result.Row}, {result.Column})";
            table.AddRow(Markup.Escape(name), Format(result.MaxRelativeError), at);
            report.Add($"gradient check {name}: worst relative error {Format(result.MaxRelativeError)} at {at}");
        }

        console.Write(table);
    }

    /// <summary>The Hessian of Rosenbrock's function by double backward, against its closed form.</summary>
    private static void HessianByDoubleBackward(IAnsiConsole console, List<string> report)
    {
        var point = DenseMatrix.OfColumnArrays([-1.2, 1.0]);
        var v = new Variable(point, requiresGrad: true);
        Variable Rosenbrock(Variable z)
        {
            var x = z.SliceRows(0, 1);
            var y = z.SliceRows(1, 1);
            return (1.0 - x).Square() + 100.0 * (y - x.Square()).Square();
        }

        var gradient = Gradients.Of(Rosenbrock(v), v, createGraph: true);
        var row0 = Gradients.Of(gradient.SliceRows(0, 1), v).Value;
        var row1 = Gradients.Of(gradient.SliceRows(1, 1), v).Value;
        var exact = DenseMatrix.OfArray(new[,] { { 1200 * 1.44 - 400 + 2, 480.0 }, { 480.0, 200.0 } });
        var error = Math.Max(Math.Abs(row0[0, 0] - exact[0, 0]) + Math.Abs(row0[1, 0] - exact[0, 1]),
                             Math.Abs(row1[0, 0] - exact[1, 0]) + Math.Abs(row1[1, 0] - exact[1, 1]));
        var line = $"Rosenbrock Hessian at (-1.2, 1) by double backward: [[{row0[0, 0]}, {row0[1, 0]}], [{row1[0, 0]}, {row1[1, 0]}]], error vs closed form {Format(error)}";
        console.WriteLine(line);
        report.Add(line);
    }
}
