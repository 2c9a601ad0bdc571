using System.Numerics.Tensors;

namespace MlMath.Autodiff;

// Sums, differences, elementwise products and quotients, scalar arithmetic. Each op's backward rule sits
// next to its forward code. g is dL/d(output); the rule returns dL/d(input) for each input.
public partial class Variable
{
    /// <summary>Elementwise sum a + b (same shape). Backward: da = g, db = g.</summary>
    public static Variable Add(Variable a, Variable b)
    {
        ShapeCheck.Same("Add", a, b);
        return FromOp("Add", DenseKernels.Add(a.Value, b.Value), [a, b], g => [g, g]);
    }

    /// <summary>Elementwise difference a - b (same shape). Backward: da = g, db = -g.</summary>
    public static Variable Subtract(Variable a, Variable b)
    {
        ShapeCheck.Same("Subtract", a, b);
        return FromOp("Subtract", DenseKernels.Subtract(a.Value, b.Value), [a, b], g => [g, b.RequiresGrad ? -g : null]);
    }

    /// <summary>Elementwise (Hadamard) product a .* b. Backward: da = g .* b, db = g .* a.</summary>
    public Variable PointwiseMultiply(Variable other)
    {
        ShapeCheck.Same("PointwiseMultiply", this, other);
        var a = this;
        return FromOp("PointwiseMultiply", DenseKernels.Zip(a.Value, other.Value, TensorPrimitives.Multiply), [a, other],
            g => [a.RequiresGrad ? g.PointwiseMultiply(other) : null, other.RequiresGrad ? g.PointwiseMultiply(a) : null]);
    }

    /// <summary>Elementwise quotient c = a ./ b. Backward: da = g ./ b, db = -g .* a ./ b^2 = -(g .* c) ./ b.</summary>
    public Variable PointwiseDivide(Variable other)
    {
        ShapeCheck.Same("PointwiseDivide", this, other);
        var a = this;
        Variable? c = null;
        c = FromOp("PointwiseDivide", DenseKernels.Zip(a.Value, other.Value, TensorPrimitives.Divide), [a, other],
            g => [a.RequiresGrad ? g.PointwiseDivide(other) : null,
                  other.RequiresGrad ? -g.PointwiseMultiply(c!).PointwiseDivide(other) : null]);
        return c;
    }

    /// <summary>Negation -a. Backward: da = -g.</summary>
    public static Variable Negate(Variable a) =>
        FromOp("Negate", DenseKernels.Scale(a.Value, -1.0), [a], g => [-g]);

    /// <summary>a + s for every entry. Backward: da = g.</summary>
    public Variable AddScalar(double s) =>
        FromOp("AddScalar", DenseKernels.AddScalar(Value, s), [this], g => [g]);

    /// <summary>s * a for every entry. Backward: da = s g.</summary>
    public Variable MultiplyScalar(double s) =>
        FromOp("MultiplyScalar", DenseKernels.Scale(Value, s), [this], g => [g.MultiplyScalar(s)]);

    /// <summary>Elementwise sum.</summary>
    public static Variable operator +(Variable a, Variable b) => Add(a, b);

    /// <summary>Elementwise difference.</summary>
    public static Variable operator -(Variable a, Variable b) => Subtract(a, b);

    /// <summary>Negation.</summary>
    public static Variable operator -(Variable a) => Negate(a);

    /// <summary>Adds a scalar to every entry.</summary>
    public static Variable operator +(Variable a, double s) => a.AddScalar(s);

    /// <summary>Adds a scalar to every entry.</summary>
    public static Variable operator +(double s, Variable a) => a.AddScalar(s);

    /// <summary>Subtracts a scalar from every entry.</summary>
    public static Variable operator -(Variable a, double s) => a.AddScalar(-s);

    /// <summary>s - a for every entry.</summary>
    public static Variable operator -(double s, Variable a) => Negate(a).AddScalar(s);

    /// <summary>Matrix product (as in MathNet); use <see cref="PointwiseMultiply"/> for the elementwise one.</summary>
    public static Variable operator *(Variable a, Variable b) => MatMul(a, b);

    /// <summary>Multiplies every entry by a scalar.</summary>
    public static Variable operator *(Variable a, double s) => a.MultiplyScalar(s);

    /// <summary>Multiplies every entry by a scalar.</summary>
    public static Variable operator *(double s, Variable a) => a.MultiplyScalar(s);

    /// <summary>Divides every entry by a scalar.</summary>
    public static Variable operator /(Variable a, double s) => a.MultiplyScalar(1.0 / s);
}
