namespace MlMath.Serialization;

/// <summary>
/// Thrown when bytes that claim to be a safetensors file break the format: a header length out of bounds,
/// a header that is not well-formed JSON or not the expected shape of JSON, a tensor whose dtype, shape and
/// byte range disagree, byte ranges that overlap, leave gaps or fall outside the data section, or a file
/// that ends early.
/// </summary>
/// <remarks>
/// The message starts with the method that detected the problem, names the tensor where there is one and
/// states the numbers involved, for example
/// <c>SafeTensorsFile.Read: tensor 'w' data_offsets [0, 80] exceed the data section of 72 bytes</c>.
/// Every check runs before any tensor storage is allocated, so a malformed or hostile file cannot make the
/// reader allocate more than its header (at most <see cref="SafeTensorsFile.MaxHeaderLength"/> bytes).
/// </remarks>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, with the tensor name and numbers involved.</param>
    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong, with the tensor name and numbers involved.</param>
    /// <param name="innerException">The underlying error, for example the JSON parser's.</param>
    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The tensor whose entry is at fault, or null when the problem is not about one tensor.</summary>
    public string? TensorName { get; init; }
}
