using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

/// <summary>
/// Packing is pure data movement, so its truth is its definition: every packed entry is checked against the
/// element it names (or zero in the padding), for both source layouts, both ways of transposing (4 x 4 AVX
/// blocks and the element loop), every kernel width and sizes around the block edges.
/// </summary>
public sealed unsafe class GemmPackingTests
{
    public static TheoryData<int, int, int, bool> Cases()
    {
        var data = new TheoryData<int, int, int, bool>();
        foreach (var (rows, columns) in new[] { (1, 1), (3, 5), (4, 4), (7, 9), (16, 8), (17, 13), (64, 128), (30, 6) })
        {
            foreach (var width in new[] { 4, 6, 8, 16, 24 })
            {
                data.Add(rows, columns, width, true);
                data.Add(rows, columns, width, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PackA_puts_each_entry_where_the_kernel_reads_it(int rows, int columns, int mr, bool transposed)
    {
        // A is rows x columns; stored column-major, or (transposed) as the transpose of a columns x rows matrix.
        var storage = Numbers(rows * columns);
        fixed (double* data = storage)
        {
            var view = transposed ? MatrixView.ColumnMajor(data, columns, rows).Transposed() : MatrixView.ColumnMajor(data, rows, columns);
            foreach (var useBlocks in new[] { true, false })
            {
                int panels = (rows + mr - 1) / mr;
                var packed = Filled(panels * mr * columns, double.NaN);
                fixed (double* destination = packed) GemmPacking.PackA(view, destination, mr, useBlocks);

                for (int r = 0; r < panels; r++)
                {
                    for (int p = 0; p < columns; p++)
                    {
                        for (int i = 0; i < mr; i++)
                        {
                            int row = (r * mr) + i;
                            double expected = row < rows ? view[row, p] : 0.0;
                            packed[(r * mr * columns) + (p * mr) + i].Should().Be(expected, $"panel {r}, line {p}, slot {i} (blocks: {useBlocks})");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PackB_of_a_matrix_is_PackA_of_its_transpose(int rows, int columns, int nr, bool transposed)
    {
        // B's panel s holds, line p, the nr entries B[p, s nr + j]: exactly A's panel layout for A = B^T, which the
        // test above checks against the definition. Equal to the bit, for both layouts and both transposing paths.
        var storage = Numbers(rows * columns);
        fixed (double* data = storage)
        {
            var view = transposed ? MatrixView.ColumnMajor(data, columns, rows).Transposed() : MatrixView.ColumnMajor(data, rows, columns);
            int length = (columns + nr - 1) / nr * nr * rows;
            foreach (var useBlocks in new[] { true, false })
            {
                var packedB = Filled(length, double.NaN);
                var packedA = Filled(length, double.NaN);
                fixed (double* destination = packedB) GemmPacking.PackB(view, destination, nr, useBlocks);
                fixed (double* destination = packedA) GemmPacking.PackA(view.Transposed(), destination, nr, useBlocks: false);

                packedB.Should().Equal(packedA, $"blocks: {useBlocks}");
            }
        }
    }

    [Fact]
    public void Packing_a_block_of_a_larger_matrix_reads_only_that_block()
    {
        // The driver packs sub-blocks (MatrixView.Block) whose line stride is the whole matrix's: a 4 x 4 block
        // must not read past the block's own columns or rows.
        var storage = Numbers(20 * 30);
        fixed (double* data = storage)
        {
            var whole = MatrixView.ColumnMajor(data, 20, 30).Transposed(); // 30 x 20, rows contiguous
            var block = whole.Block(3, 5, 9, 7);
            var packed = Filled(16 * 7, double.NaN);
            fixed (double* destination = packed) GemmPacking.PackA(block, destination, 16);

            for (int p = 0; p < 7; p++)
            {
                for (int i = 0; i < 16; i++)
                {
                    packed[(p * 16) + i].Should().Be(i < 9 ? whole[3 + i, 5 + p] : 0.0);
                }
            }
        }
    }

    /// <summary>Distinct numbers 1, 2, 3, ... so that any misplaced entry shows.</summary>
    private static double[] Numbers(int count) => Enumerable.Range(1, count).Select(i => (double)i).ToArray();

    private static double[] Filled(int count, double value)
    {
        var result = new double[count];
        Array.Fill(result, value);
        return result;
    }
}
