using MlMath.Autodiff;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The residual r = N[u] of a PDE N[u] = 0 at collocation points, written with the autodiff engine from the network's
/// fields, e.g. the heat equation: <c>f =&gt; f.Ut - alpha * f.Uxx</c>; Burgers: <c>f =&gt; f.Ut + f.U.PointwiseMultiply(f.Ux) - nu * f.Uxx</c>.
/// </summary>
/// <param name="fields">u and its derivatives at the collocation points.</param>
/// <returns>An n x 1 Variable, zero where the PDE holds.</returns>
public delegate Variable PinnResidual(PinnFields fields);
