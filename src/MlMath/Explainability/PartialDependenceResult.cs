using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>What <see cref="PartialDependence.Compute(Func{Matrix{double}, Vector{double}}, Matrix{double}, int, IReadOnlyList{double})"/> returns.</summary>
/// <param name="Feature">The index of the varied feature.</param>
/// <param name="Grid">The g values the feature was set to, in the given order.</param>
/// <param name="Individual">n x g individual conditional expectation curves: ICE_ik = f(x_i with feature set to grid_k).</param>
/// <param name="Average">The partial dependence curve, PD_k = (1/n) sum_i ICE_ik.</param>
public sealed record PartialDependenceResult(int Feature, Vector<double> Grid, Matrix<double> Individual, Vector<double> Average)
{
    /// <summary>Centred ICE curves (Goldstein et al. 2015, sec. 3.1): each curve minus its value at the first grid
    /// point, so that curves that differ only by an offset coincide and different shapes (interactions) stand out.</summary>
    public Matrix<double> CenteredIndividual() =>
        Matrix<double>.Build.Dense(Individual.RowCount, Individual.ColumnCount, (i, k) => Individual[i, k] - Individual[i, 0]);
}
