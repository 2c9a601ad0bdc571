using MlMath.Samples.Tour;

return TourProgram.Run(args);
