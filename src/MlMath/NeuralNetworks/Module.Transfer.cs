using MathNet.Numerics.LinearAlgebra;
using MlMath.Serialization;

namespace MlMath.NeuralNetworks;

public abstract partial class Module
{
    /// <summary>
    /// Loads a pretrained checkpoint whose tensor names differ from this module's (transfer learning): each state
    /// entry of this module is read from the tensor named <paramref name="nameInFile"/>(name), or left unchanged
    /// when it returns null (e.g. a new head). All or nothing, as <see cref="Load(string, bool)"/>.
    /// </summary>
    /// <remarks>
    /// <para>Typical uses: copying a trained body into a new model whose body sits under another name (module name
    /// "0.2.weight" read from file name "2.weight"), and skipping a classification head whose number of classes
    /// changed. <see cref="Load(string, string, string, bool)"/> is the common prefix case.</para>
    /// <para>With <paramref name="strict"/> true the file must hold exactly the mapped tensors (e.g. a checkpoint of
    /// the body alone); with false, mapped entries absent from the file are reported in
    /// <see cref="SafeTensorsLoadResult.Missing"/> and file tensors that nothing maps to in
    /// <see cref="SafeTensorsLoadResult.Unexpected"/>. Loaded and Missing use this module's names, Unexpected the
    /// file's. A shape mismatch is always an error (PyTorch's <c>load_state_dict</c> behaves the same way).</para>
    /// </remarks>
    /// <param name="path">The safetensors file to read.</param>
    /// <param name="nameInFile">Maps a name of this module's <see cref="StateDict"/> to the tensor name in the file,
    /// or to null to skip the entry. Two entries may not map to the same tensor.</param>
    /// <param name="strict">Whether the mapped names must equal the file's names exactly.</param>
    /// <returns>What was loaded, missing and unexpected.</returns>
    /// <exception cref="ArgumentException">Two entries map to the same file name.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="SafeTensorsMismatchException">A shape differs, or (strict) a mapped name is missing or a file
    /// tensor is not mapped to; no value has changed.</exception>
    public SafeTensorsLoadResult Load(string path, Func<string, string?> nameInFile, bool strict = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(nameInFile);
        var targets = new Dictionary<string, Matrix<double>>(StringComparer.Ordinal);
        var moduleName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in StateDict())
        {
            if (nameInFile(name) is not { } fileName) continue;
            if (!moduleName.TryAdd(fileName, name))
            {
                throw new ArgumentException(
                    $"Module.Load: '{moduleName[fileName]}' and '{name}' both map to the file tensor '{fileName}'.", nameof(nameInFile));
            }

            targets[fileName] = value;
        }

        var result = SafeTensorsFile.LoadInto(path, targets, strict);
        return new SafeTensorsLoadResult(
            [.. result.Loaded.Select(n => moduleName[n]).Order(StringComparer.Ordinal)],
            [.. result.Missing.Select(n => moduleName[n]).Order(StringComparer.Ordinal)],
            result.Unexpected);
    }

    /// <summary>
    /// Loads the entries of this module whose names start with <paramref name="modulePrefix"/> from the tensors named
    /// <paramref name="filePrefix"/> + the rest of the name; entries outside the prefix are left unchanged. E.g.
    /// <c>model.Load(path, modulePrefix: "0.", filePrefix: "")</c> puts a checkpoint of a body into child "0" of a
    /// new model, and <c>body.Load(path, "", "0.")</c> reads a body saved as child "0" of a larger model.
    /// </summary>
    /// <remarks>See <see cref="Load(string, Func{string, string?}, bool)"/> for strict and partial matching. With a
    /// full-model checkpoint and strict false, the file's other tensors (the old head) are listed as unexpected.</remarks>
    /// <param name="path">The safetensors file to read.</param>
    /// <param name="modulePrefix">The prefix of this module's names to load (empty: all).</param>
    /// <param name="filePrefix">The prefix that replaces it in the file's names (empty: none).</param>
    /// <param name="strict">Whether the mapped names must equal the file's names exactly.</param>
    /// <returns>What was loaded, missing and unexpected.</returns>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="SafeTensorsMismatchException">A shape differs, or (strict) the names do not match; no value has changed.</exception>
    public SafeTensorsLoadResult Load(string path, string modulePrefix, string filePrefix, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(modulePrefix);
        ArgumentNullException.ThrowIfNull(filePrefix);
        return Load(path, name => name.StartsWith(modulePrefix, StringComparison.Ordinal) ? filePrefix + name[modulePrefix.Length..] : null, strict);
    }

    /// <summary>Replaces the child registered under <paramref name="name"/> by <paramref name="module"/>, keeping its
    /// place in the registration order (so parameter names and order are unchanged for the other children).</summary>
    /// <returns>The child that was replaced.</returns>
    /// <exception cref="ArgumentException">No child has that name.</exception>
    protected Module ReplaceModule(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var index = _children.FindIndex(c => c.Name == name);
        if (index < 0) throw new ArgumentException($"Module {GetType().Name}: no child is named '{name}'.", nameof(name));
        var old = _children[index].Module;
        _children[index] = (name, module);
        return old;
    }

    /// <summary>Unregisters the child named <paramref name="name"/>; its parameters leave this module's lists.</summary>
    /// <returns>The removed child.</returns>
    /// <exception cref="ArgumentException">No child has that name.</exception>
    protected Module RemoveModule(string name)
    {
        var index = _children.FindIndex(c => c.Name == name);
        if (index < 0) throw new ArgumentException($"Module {GetType().Name}: no child is named '{name}'.", nameof(name));
        var old = _children[index].Module;
        _children.RemoveAt(index);
        return old;
    }
}
