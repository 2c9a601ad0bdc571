namespace MlMath;

/// <summary>Facts about this build of MlMath.</summary>
public static class MlMathInfo
{
    /// <summary>The library's informational version.</summary>
    public static string Version => typeof(MlMathInfo).Assembly.GetName().Version?.ToString() ?? "unknown";
}
