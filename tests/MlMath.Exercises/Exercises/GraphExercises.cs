using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on graph neural networks (docs/04-geometric-deep-learning.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Graph</c>.
/// Graphs here are dense, symmetric adjacency matrices A (n x n, A_ij = 1 when i and j are joined, no self loops).
/// </summary>
public static class GraphExercises
{
    /// <summary>
    /// Exercise 4.1 (the GCN propagation matrix). Return A_hat = D^-1/2 (A + I) D^-1/2, where D is the diagonal
    /// degree matrix of A + I (d_i = 1 + the number of neighbours of i). Then check on paper for the path
    /// 0 - 1 - 2 that A_hat[0, 1] = 1 / sqrt(6), and explain why the largest eigenvalue of A_hat is 1.
    /// </summary>
    public static Matrix<double> NormalizedAdjacency(Matrix<double> adjacency) =>
        throw new NotImplementedException("Exercise 4.1: add the identity, compute the degrees, scale row i and column j by 1/sqrt(d_i d_j).");

    /// <summary>
    /// Exercise 4.2 (one message-passing step). Return h' with h'_i = ReLU(W_self^T x_i + W_neigh^T mean_{j in N(i)} x_j)
    /// for node features x (n x f, row i = node i) and weights W_self, W_neigh (f x f'): the message is x_j, the
    /// aggregation the mean over the neighbours (0 for a node without any), the update a linear map and a ReLU
    /// (GraphSAGE-mean). Loop over nodes and neighbours; do not build D^-1 A.
    /// </summary>
    public static Matrix<double> MessagePassingStep(Matrix<double> adjacency, Matrix<double> x, Matrix<double> selfWeight, Matrix<double> neighbourWeight) =>
        throw new NotImplementedException("Exercise 4.2: for each node i average the rows x_j of its neighbours, then combine with x_i.");

    /// <summary>
    /// Exercise 4.3 (GAT attention coefficients, one head). For transformed features h (n x f), attention vectors
    /// aSource and aTarget (length f) and slope 0.2, return alpha (n x n) with, for every j in N(i) and j = i (a self
    /// loop is always included), alpha[i, j] = exp(e_ij) / sum_{k in N(i) + i} exp(e_ik),
    /// e_ij = LeakyReLU(aSource . h_j + aTarget . h_i), and alpha[i, j] = 0 for every other j. Each row sums to 1.
    /// Why does subtracting the row's largest e_ik before exponentiating not change the result?
    /// </summary>
    public static Matrix<double> AttentionCoefficients(Matrix<double> adjacency, Matrix<double> h, Vector<double> aSource, Vector<double> aTarget) =>
        throw new NotImplementedException("Exercise 4.3: score every neighbour (and i itself), apply LeakyReLU, softmax over the neighbourhood.");
}
