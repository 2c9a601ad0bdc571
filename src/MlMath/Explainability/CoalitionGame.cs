using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// The cooperative game behind Shapley explanations of a prediction f(x): the players are the d features, and
/// a coalition S is worth v(S) = (1/m) sum_b f(x_S, z^b_{not S}), the prediction with the features in S taken from
/// x and the others from each background row z^b, averaged (the interventional value function; with a single
/// baseline row it is f at the mixed point).
/// </summary>
/// <remarks>Coalitions are bit masks (bit j set: feature j is "present"). Many coalitions are evaluated with
/// one predictor call of up to <see cref="MaxRowsPerCall"/> rows.</remarks>
internal sealed class CoalitionGame
{
    /// <summary>The largest batch handed to the predictor in one call.</summary>
    internal const int MaxRowsPerCall = 1 << 16;

    private readonly Func<Matrix<double>, Vector<double>> _predictor;
    private readonly Vector<double> _instance;
    private readonly Matrix<double> _background;
    private readonly string _method;

    internal CoalitionGame(Func<Matrix<double>, Vector<double>> predictor, Vector<double> instance, Matrix<double> background, string method)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ExplainabilityChecks.FiniteNonEmpty(instance, method, nameof(instance));
        ExplainabilityChecks.FiniteNonEmpty(background, method, nameof(background));
        if (background.ColumnCount != instance.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: the background (or baseline) is {ExplainabilityChecks.Shape(background)} but the instance has {instance.Count} features; they must have the same number of features."),
                nameof(background));
        }

        (_predictor, _instance, _background, _method) = (predictor, instance, background, method);
    }

    /// <summary>d, the number of features (players).</summary>
    internal int FeatureCount => _instance.Count;

    /// <summary>v(S) for each mask, in order.</summary>
    internal double[] Values(IReadOnlyList<ulong> masks)
    {
        var (d, m) = (FeatureCount, _background.RowCount);
        var result = new double[masks.Count];
        var perCall = Math.Max(1, MaxRowsPerCall / m);
        for (var first = 0; first < masks.Count; first += perCall)
        {
            var count = Math.Min(perCall, masks.Count - first);
            var rows = Matrix<double>.Build.Dense(count * m, d);
            for (var c = 0; c < count; c++)
            {
                var mask = masks[first + c];
                for (var j = 0; j < d; j++)
                {
                    var present = (mask >> j & 1UL) != 0;
                    for (var b = 0; b < m; b++) rows[(c * m) + b, j] = present ? _instance[j] : _background[b, j];
                }
            }

            var predictions = ExplainabilityChecks.Predict(_predictor, rows, _method);
            for (var c = 0; c < count; c++)
            {
                var sum = 0.0;
                for (var b = 0; b < m; b++) sum += predictions[(c * m) + b];
                result[first + c] = sum / m;
            }
        }

        return result;
    }

    /// <summary>The mask of all d features.</summary>
    internal ulong FullMask => FeatureCount == 64 ? ulong.MaxValue : (1UL << FeatureCount) - 1;
}
