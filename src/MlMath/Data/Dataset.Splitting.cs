using System.Globalization;

namespace MlMath.Data;

/// <summary>Train / validation / test splits of a <see cref="Dataset"/>.</summary>
public sealed partial class Dataset
{
    /// <summary>
    /// Splits the samples at random into train, validation and test parts of the given fractions; the test part
    /// gets the rest, 1 - trainFraction - validationFraction.
    /// </summary>
    /// <remarks>
    /// Sizes: the n samples are shared out by the largest-remainder rule: each part first gets floor(f n), and the
    /// samples left over go one each to the parts with the largest fractional parts of f n (ties: train, then
    /// validation, then test). So the sizes always add up to n and each differs from f n by less than 1.
    /// Order: a Fisher-Yates permutation of the rows is cut into consecutive pieces, so each part is in random order.
    /// </remarks>
    /// <param name="trainFraction">The fraction of samples for training, in [0, 1].</param>
    /// <param name="validationFraction">The fraction for validation, in [0, 1 - trainFraction].</param>
    /// <param name="random">The source of randomness; the same seed gives the same split.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1] or the two add up to more than 1.</exception>
    public DatasetSplit Split(double trainFraction, double validationFraction, Random random)
    {
        const string method = nameof(Dataset) + "." + nameof(Split);
        var fractions = CheckFractions(trainFraction, validationFraction, method);
        DataChecks.NotNull(random, method, nameof(random));
        var order = Shuffling.Permutation(Count, random);
        var sizes = LargestRemainder(Count, fractions);
        var train = order[..sizes[0]];
        var validation = order[sizes[0]..(sizes[0] + sizes[1])];
        var test = order[(sizes[0] + sizes[1])..];
        return MakeSplit(train, validation, test);
    }

    /// <summary>
    /// Splits a classification data set so that every class is shared out between train, validation and test in
    /// the given fractions: class c with n_c samples puts within 1 sample of f n_c in each part.
    /// </summary>
    /// <remarks>
    /// Each class's samples are shuffled (Fisher-Yates) and shared out by the largest-remainder rule described in
    /// <see cref="Split"/>, class by class in label order; each part is then shuffled again so that the classes
    /// are interleaved. Because rounding happens per class, the part sizes can differ from those of
    /// <see cref="Split"/> by up to the number of classes.
    /// </remarks>
    /// <param name="trainFraction">The fraction of each class for training, in [0, 1].</param>
    /// <param name="validationFraction">The fraction of each class for validation, in [0, 1 - trainFraction].</param>
    /// <param name="random">The source of randomness; the same seed gives the same split.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1] or the two add up to more than 1.</exception>
    /// <exception cref="InvalidOperationException">This is a regression data set (there are no classes to stratify by).</exception>
    public DatasetSplit StratifiedSplit(double trainFraction, double validationFraction, Random random)
    {
        const string method = nameof(Dataset) + "." + nameof(StratifiedSplit);
        var fractions = CheckFractions(trainFraction, validationFraction, method);
        DataChecks.NotNull(random, method, nameof(random));
        var labels = _labels ?? throw new InvalidOperationException(
            $"{method}: this is a regression data set (it has targets, not labels), so there are no classes to stratify by");

        var parts = new[] { new List<int>(), new List<int>(), new List<int>() };
        for (int c = 0; c < ClassCount; c++)
        {
            var members = new List<int>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] == c)
                {
                    members.Add(i);
                }
            }

            var shuffled = members.ToArray();
            Shuffling.ShuffleInPlace(shuffled.AsSpan(), random);
            var sizes = LargestRemainder(shuffled.Length, fractions);
            parts[0].AddRange(shuffled[..sizes[0]]);
            parts[1].AddRange(shuffled[sizes[0]..(sizes[0] + sizes[1])]);
            parts[2].AddRange(shuffled[(sizes[0] + sizes[1])..]);
        }

        var arrays = parts.Select(p => p.ToArray()).ToArray();
        foreach (var part in arrays)
        {
            Shuffling.ShuffleInPlace(part.AsSpan(), random);
        }

        return MakeSplit(arrays[0], arrays[1], arrays[2]);
    }

    private DatasetSplit MakeSplit(int[] train, int[] validation, int[] test) =>
        new(Subset(train), Subset(validation), Subset(test),
            Array.AsReadOnly(train), Array.AsReadOnly(validation), Array.AsReadOnly(test));

    private static double[] CheckFractions(double trainFraction, double validationFraction, string method)
    {
        DataChecks.Fraction(trainFraction, method, nameof(trainFraction));
        DataChecks.Fraction(validationFraction, method, nameof(validationFraction));
        // A small tolerance so that, e.g., 0.7 and 0.3 (whose floating-point sum may round above 1) are accepted.
        if (trainFraction + validationFraction > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                string.Create(CultureInfo.InvariantCulture,
                    $"{method}: trainFraction + validationFraction must be <= 1 but is {DataChecks.Format(trainFraction)} + {DataChecks.Format(validationFraction)} = {DataChecks.Format(trainFraction + validationFraction)}"));
        }

        return [trainFraction, validationFraction, Math.Max(0, 1 - trainFraction - validationFraction)];
    }

    /// <summary>
    /// Shares <paramref name="n"/> items out in the given fractions (which add up to 1) by the largest-remainder
    /// (Hamilton) rule: floor(f_k n) each, then one more to each of the parts with the largest remainders.
    /// </summary>
    internal static int[] LargestRemainder(int n, IReadOnlyList<double> fractions)
    {
        var sizes = new int[fractions.Count];
        var remainders = new double[fractions.Count];
        int assigned = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            double exact = fractions[k] * n;
            sizes[k] = (int)Math.Floor(exact);
            remainders[k] = exact - sizes[k];
            assigned += sizes[k];
        }

        // Because the fractions add up to 1 (up to rounding), 0 <= n - assigned <= number of parts.
        var byRemainder = Enumerable.Range(0, sizes.Length).OrderByDescending(k => remainders[k]).ThenBy(k => k).ToArray();
        for (int r = 0; assigned < n; r = (r + 1) % sizes.Length)
        {
            sizes[byRemainder[r]]++;
            assigned++;
        }

        // Rounding of f_k n above an integer can over-assign by one; take it back from the smallest remainder.
        for (int r = sizes.Length - 1; assigned > n; r = (r + sizes.Length - 1) % sizes.Length)
        {
            if (sizes[byRemainder[r]] > 0)
            {
                sizes[byRemainder[r]]--;
                assigned--;
            }
        }

        return sizes;
    }
}
