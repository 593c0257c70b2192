using System.Text;

namespace Agix.Cli.Output;

/// <summary>
/// Where a command's result goes: standard output, or a file written to a temporary file in the same folder and
/// renamed over the target only when complete, so that a failed run never leaves a half-written file.
/// </summary>
internal static class OutputTarget
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes text to <paramref name="path"/> atomically, or to <paramref name="stdout"/> when the path is null.</summary>
    public static void WriteText(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }

        WriteFile(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 65536, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>Writes bytes (a chart) to <paramref name="path"/> atomically.</summary>
    public static void WriteBytes(string path, byte[] bytes) =>
        WriteFile(path, stream => stream.Write(bytes));

    /// <summary>Writes a file checked beforehand by <see cref="OutputPlan"/> (which refuses inputs and data-folder files).</summary>
    private static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new OutputException($"{path}: cannot write: the folder {folder} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new OutputException($"{path}: cannot write: it is a folder");
        }

        if (IsDevice(full))
        {
            WriteDirectly(path, full, write);
            return;
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OutputException($"{path}: cannot write: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// A device or kernel file such as <c>/dev/stdout</c> or <c>/dev/null</c> (after following links): written in
    /// place, because renaming a temporary file over it would replace the device node.
    /// </summary>
    internal static bool IsDevice(string full)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var resolved = full;
        try
        {
            resolved = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
        }

        return resolved.StartsWith("/dev/", StringComparison.Ordinal) || resolved.StartsWith("/proc/", StringComparison.Ordinal) || resolved.StartsWith("/sys/", StringComparison.Ordinal);
    }

    private static void WriteDirectly(string path, string full, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(stream);
            stream.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"{path}: cannot write: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file is hidden and named after the process.
        }
    }
}

/// <summary>An output could not be written.</summary>
internal sealed class OutputException(string message) : Exception(message);
