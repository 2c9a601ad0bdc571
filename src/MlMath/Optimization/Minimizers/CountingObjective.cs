using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>Wraps the user's objective for one run and counts what the minimizer asks of it.</summary>
internal sealed class CountingObjective(IDifferentiableObjective inner) : IDifferentiableObjective
{
    /// <summary>Evaluations for a value (the start and line-search trials).</summary>
    public int FunctionEvaluations { get; private set; }

    /// <summary>Evaluations made only for their gradient (finite-difference Hessian-vector products).</summary>
    public int GradientOnlyEvaluations { get; private set; }

    /// <summary>Exact Hessian-vector products.</summary>
    public int HessianVectorProducts { get; private set; }

    /// <summary>True when the objective computes exact Hessian-vector products.</summary>
    public bool HasHessianVectorProduct => inner is IHessianVectorProduct;

    public double Evaluate(Vector<double> x, Vector<double> gradient)
    {
        FunctionEvaluations++;
        return inner.Evaluate(x, gradient);
    }

    /// <summary>Evaluates only for the gradient (the value is discarded).</summary>
    public void Gradient(Vector<double> x, Vector<double> gradient)
    {
        GradientOnlyEvaluations++;
        inner.Evaluate(x, gradient);
    }

    /// <summary>H(x) v from the objective; only valid when <see cref="HasHessianVectorProduct"/>.</summary>
    public void HessianVectorProduct(Vector<double> x, Vector<double> v, Vector<double> result)
    {
        HessianVectorProducts++;
        ((IHessianVectorProduct)inner).HessianVectorProduct(x, v, result);
    }
}
