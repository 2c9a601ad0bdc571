using MlMath.Samples.LinearAlgebra;

// Chapter 1 sample: least squares three ways on an ill-conditioned problem, and a gradient-check table.
return LinearAlgebraSample.Run(Console.Out);
