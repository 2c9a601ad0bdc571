namespace MlMath.LinearAlgebra;

/// <summary>
/// A micro-kernel: the innermost loop of the matrix product, computing C_tile += A_sliver B_sliver for one
/// <see cref="Mr"/> x <see cref="Nr"/> tile of C from packed slivers (see <see cref="GemmPacking"/> and
/// <see cref="GemmMicroKernels"/>).
/// </summary>
internal readonly unsafe struct MicroKernel
{
    public MicroKernel(string name, int mr, int nr, delegate*<int, double*, double*, double*, nint, void> run)
    {
        Name = name;
        Mr = mr;
        Nr = nr;
        Run = run;
    }

    /// <summary>A name for tests and benchmarks.</summary>
    public string Name { get; }

    /// <summary>Rows of the register tile (the packed A sliver's width).</summary>
    public int Mr { get; }

    /// <summary>Columns of the register tile (the packed B sliver's width).</summary>
    public int Nr { get; }

    /// <summary>
    /// (kc, a, b, c, ldc): C[i, j] += sum over p &lt; kc of a[p*Mr + i] b[p*Nr + j] for i &lt; Mr, j &lt; Nr,
    /// where C is column-major with leading dimension ldc (C[i, j] = c[i + j*ldc]).
    /// </summary>
    public delegate*<int, double*, double*, double*, nint, void> Run { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
