using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

/// <summary>
/// A node of a computation graph built as the program runs (define-by-run): a matrix value, the Variables
/// it was computed from, and the rule that turns the gradient of a scalar loss with respect to this value
/// into gradients with respect to those parents (reverse-mode automatic differentiation).
/// </summary>
/// <remarks>
/// <para>Values are rank-2 (<see cref="Matrix{T}"/>): rows are samples or graph nodes; a scalar is 1x1.
/// Operators follow MathNet: <c>a * b</c> is the matrix product, <see cref="PointwiseMultiply"/> the
/// elementwise one; broadcasting is explicit (<see cref="AddRowVector"/>, <see cref="BroadcastRow"/>, ...).</para>
/// <para>Reverse mode: for a scalar loss L = f(g(x)), the chain rule dL/dx = dL/dg * dg/dx is evaluated from
/// the output backwards, so one backward pass gives dL/d(every input), at a cost of a small constant times
/// the forward pass (Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., ch. 3; Baydin et al.,
/// "Automatic differentiation in machine learning: a survey", JMLR 2018).</para>
/// <para>Every backward rule is itself written with Variable operations, so when gradients are requested with
/// <c>createGraph: true</c> (<see cref="Gradients.Of(Variable, IReadOnlyList{Variable}, Variable?, bool, bool)"/>)
/// they are Variables too and can be differentiated again (Hessian-vector products, u_xx in physics-informed
/// networks).</para>
/// <para>A Variable never copies or changes the matrix it is given; operations never change their inputs.</para>
/// </remarks>
public partial class Variable
{
    private static readonly Variable[] NoParents = [];

    private readonly Variable[] _parents;
    private BackwardRule? _backward; // replaced by a rule that throws when the graph is released (Variable.Release.cs)
    private Matrix<double>? _value; // null once the graph is released
    private bool _requiresGrad;

    /// <summary>Creates a leaf Variable holding <paramref name="value"/> (stored as a dense matrix).</summary>
    /// <param name="value">The value; a dense matrix is held by reference, any other storage is copied.</param>
    /// <param name="requiresGrad">Whether <see cref="Backward()"/> should accumulate a gradient for it.</param>
    /// <param name="name">An optional name, shown by <see cref="ToString"/>.</param>
    public Variable(Matrix<double> value, bool requiresGrad = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = DenseKernels.AsDense(value);
        _requiresGrad = requiresGrad;
        Name = name;
        OpName = "Leaf";
        _parents = NoParents;
    }

    /// <summary>Creates the result of an operation.</summary>
    private Variable(DenseMatrix value, string opName, Variable[] parents, BackwardRule? backward, bool requiresGrad)
    {
        _value = value;
        OpName = opName;
        _parents = parents;
        _backward = backward;
        _requiresGrad = requiresGrad;
    }

    /// <summary>The value (dense, column-major storage).</summary>
    /// <exception cref="InvalidOperationException">The Variable is an intermediate value of a graph that was
    /// released (<see cref="ReleaseGraph"/>): its storage has been handed back for reuse.</exception>
    public Matrix<double> Value => _value ?? throw ReleasedError("read its value");

    /// <summary>Number of rows of <see cref="Value"/>.</summary>
    public int Rows => Value.RowCount;

    /// <summary>Number of columns of <see cref="Value"/>.</summary>
    public int Columns => Value.ColumnCount;

    /// <summary>"rows x columns", as used in error messages.</summary>
    public string Shape => Rows.ToString(CultureInfo.InvariantCulture) + "x" + Columns.ToString(CultureInfo.InvariantCulture);

    /// <summary>The single entry of a 1x1 Variable.</summary>
    /// <exception cref="InvalidOperationException">The Variable is not 1x1.</exception>
    public double Item => Rows == 1 && Columns == 1
        ? Value[0, 0]
        : throw new InvalidOperationException($"Item: the Variable is {Shape}, not a 1x1 scalar.");

    /// <summary>
    /// The gradient accumulated by <see cref="Backward()"/> for a leaf that requires it; null until the first
    /// backward pass reaches it, and after <see cref="ZeroGrad()"/>.
    /// </summary>
    /// <remarks>Later passes add into this matrix in place (as PyTorch's <c>.grad</c>), and after
    /// <see cref="ZeroGrad(bool)"/> with <c>reuseStorage</c> the next pass writes into it again: copy it
    /// (<c>Grad.Clone()</c>) to keep a gradient past the next backward pass.</remarks>
    public Matrix<double>? Grad { get; private set; }

    /// <summary>Storage kept by <see cref="ZeroGrad(bool)"/> for the next pass to write into (null when none).</summary>
    private DenseMatrix? _spareGrad;

    /// <summary>
    /// Whether gradients flow to this Variable. For a leaf it can be set (freezing a parameter); for the
    /// result of an operation it is true exactly when some input required a gradient while grad mode was on.
    /// </summary>
    /// <exception cref="InvalidOperationException">Setting it on a Variable that is not a leaf.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf Variable; this one is the result of '{OpName}'. Use Detach() to get a leaf.");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>True for a Variable created by the user (no parents in the graph).</summary>
    public bool IsLeaf => _backward is null;

    /// <summary>An optional name, for messages and checkpoints.</summary>
    public string? Name { get; init; }

    /// <summary>The operation that produced this Variable ("Leaf" for one made by the user).</summary>
    public string OpName { get; }

    /// <summary>The Variables this one was computed from (empty for leaves and constants).</summary>
    public IReadOnlyList<Variable> Parents => _parents;

    internal BackwardRule? BackwardFunction => _backward;

    /// <summary>A leaf holding a 1x1 matrix.</summary>
    public static Variable Scalar(double value, bool requiresGrad = false) =>
        new(DenseMatrix.Create(1, 1, value), requiresGrad);

    /// <summary>A constant leaf (no gradient) holding <paramref name="value"/>.</summary>
    public static Variable Constant(Matrix<double> value) => new(value, requiresGrad: false);

    /// <summary>A leaf that shares this Variable's value but has no history and requires no gradient.</summary>
    public Variable Detach() => new(Value, requiresGrad: false, name: Name);

    /// <summary>Forgets the accumulated gradient (sets <see cref="Grad"/> to null) and its storage.</summary>
    public void ZeroGrad() => ZeroGrad(reuseStorage: false);

    /// <summary>
    /// Forgets the accumulated gradient: <see cref="Grad"/> is null until a backward pass reaches this leaf
    /// again. With <paramref name="reuseStorage"/> the leaf keeps the matrix, and that pass writes the new
    /// gradient into it instead of allocating one (what optimizers' <c>ZeroGrad</c> does: for a large weight a
    /// new matrix per step costs more in garbage collection than the arithmetic; see docs/benchmarks.md).
    /// </summary>
    /// <param name="reuseStorage">Keep the old gradient matrix for the next pass to overwrite. A reference to
    /// it taken before this call will then see the next gradient: clone a gradient you want to keep.</param>
    public void ZeroGrad(bool reuseStorage)
    {
        _spareGrad = reuseStorage ? Grad as DenseMatrix ?? _spareGrad : null;
        Grad = null;
    }

    /// <summary>
    /// Backpropagates from this 1x1 Variable: accumulates dthis/dleaf into <see cref="Grad"/> of every leaf
    /// that requires a gradient. Gradients add up over calls until <see cref="ZeroGrad()"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The Variable is not 1x1 (pass a seed gradient instead),
    /// or nothing it depends on requires a gradient.</exception>
    public void Backward()
    {
        if (Rows != 1 || Columns != 1)
        {
            throw new InvalidOperationException(
                $"Backward: the output is {Shape}, not a 1x1 scalar; call Backward(seed) with a seed gradient of shape {Shape}, or reduce it first (Sum, Mean).");
        }

        Backward(DenseMatrix.Create(1, 1, 1.0));
    }

    /// <summary>
    /// Backpropagates the seed gradient dL/dthis (same shape as this Variable): accumulates dL/dleaf into
    /// <see cref="Grad"/> of every leaf that requires a gradient.
    /// </summary>
    /// <remarks>Leaves that already have a <see cref="Grad"/> receive their gradient in place as the pass
    /// reaches them (as in PyTorch), so if a backward rule throws (anomaly mode, a custom rule), leaves reached
    /// before that point may already hold part of this pass's gradient: call <see cref="ZeroGrad()"/> before
    /// retrying.</remarks>
    /// <exception cref="ArgumentException">The seed's shape differs from this Variable's.</exception>
    /// <exception cref="InvalidOperationException">Nothing this Variable depends on requires a gradient.</exception>
    public void Backward(Matrix<double> seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.RowCount != Rows || seed.ColumnCount != Columns)
        {
            throw new ArgumentException(
                $"Backward: seed gradient is {seed.RowCount}x{seed.ColumnCount}, output is {Shape}.", nameof(seed));
        }

        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                $"Backward: the output ('{OpName}') does not require a gradient: no input had RequiresGrad = true, or it was computed under GradMode.NoGrad().");
        }

        using (GradMode.NoGrad())
        {
            var order = BackwardEngine.TopologicalOrder(this);
            var seedVariable = Constant(seed);
            var sink = new LeafGradientSink(order, (DenseMatrix)seedVariable.Value, leaf => leaf.Grad as DenseMatrix ?? leaf._spareGrad);
            var gradients = BackwardEngine.Run(this, seedVariable, keep: null, order, sink);
            foreach (var (leaf, storage) in sink.Written())
            {
                leaf.Grad = storage;
                leaf._spareGrad = null;
            }

            var adoptable = AdoptableGradients(gradients, order, (DenseMatrix)seedVariable.Value);
            foreach (var (node, gradient) in gradients)
            {
                if (!node.IsLeaf || !node.RequiresGrad) continue;
                node.Grad = node.Grad is not null ? DenseKernels.Add(node.Grad, gradient.Value)
                    : adoptable.Contains(gradient.Value) ? gradient.Value
                    : gradient.Value.Clone();
            }
        }
    }

    /// <summary>
    /// The gradient matrices a leaf may keep as its <see cref="Grad"/> without a copy: those made during this
    /// backward pass for that leaf alone. Not adoptable: the seed (the caller holds it), any value of the
    /// forward graph (a rule may pass one through), and a matrix that reached two leaves (x + x gives both
    /// the same g), since changing one leaf's Grad in place (gradient clipping does) must not change another's.
    /// </summary>
    /// <remarks>Copying instead costs little for small layers but, for a 784 x 128 weight, an 800 KB copy to
    /// freshly allocated (large-object heap) memory on every step. Built-in backward rules never keep a matrix
    /// they return; users' rules (<see cref="Custom"/>) might, so their results are copied where they are made.</remarks>
    private static HashSet<Matrix<double>> AdoptableGradients(Dictionary<Variable, Variable> gradients, List<Variable> order, DenseMatrix seed)
    {
        var comparer = ReferenceEqualityComparer.Instance;
        var seen = new HashSet<Matrix<double>>(comparer);
        var shared = new HashSet<Matrix<double>>(comparer);
        foreach (var (node, gradient) in gradients)
        {
            if (node.IsLeaf && node.RequiresGrad && !seen.Add(gradient.Value)) shared.Add(gradient.Value);
        }

        // In a training loop every leaf owns gradient storage (LeafGradientSink), so no leaf gradient is left here to
        // adopt: skip the walk over the graph.
        if (seen.Count == 0) return seen;
        seen.ExceptWith(shared);
        var forwardArrays = LeafGradientSink.ForwardArrays(order, seed);
        seen.RemoveWhere(m => m is not DenseMatrix dense || forwardArrays.Contains(dense.Values));
        return seen;
    }

    /// <summary>Shape, operation and name, e.g. <c>Variable 3x2 Tanh</c> (<c>(released)</c> in place of the shape after <see cref="ReleaseGraph"/>).</summary>
    public override string ToString() =>
        "Variable " + (IsReleased ? "(released)" : Shape) + " " + OpName + (Name is null ? string.Empty : " '" + Name + "'");

    /// <summary>
    /// Records the result of an operation: with grad mode on and some parent requiring a gradient it becomes a
    /// graph node with the backward rule; otherwise a constant. Anomaly mode checks the value here.
    /// </summary>
    internal static Variable FromOp(string opName, DenseMatrix value, Variable[] parents, BackwardRule backward)
    {
        AnomalyMode.CheckForward(opName, value);
        if (GradMode.IsEnabled)
        {
            foreach (var parent in parents)
            {
                if (parent.RequiresGrad) return new Variable(value, opName, parents, backward, requiresGrad: true);
            }
        }

        return new Variable(value, opName, NoParents, backward: null, requiresGrad: false);
    }
}

/// <summary>
/// A backward rule: given dL/d(output) as a Variable, returns dL/d(parent) for each parent, in order
/// (null where that parent needs no gradient).
/// </summary>
internal delegate Variable?[] BackwardRule(Variable gradOutput);
