namespace Agix.Prices;

/// <summary>
/// Inputs that can be read only once — pipes and devices such as <c>/dev/stdin</c>, a named pipe, or
/// <c>/dev/fd/63</c> from a shell's <c>&lt;(…)</c> — are copied to a temporary file first, because the price reader
/// reads its file twice. They are recognised by not being seekable.
/// </summary>
internal static class InputFile
{
    /// <summary>
    /// Opens <paramref name="path"/> once; when it is not seekable, copies it to a temporary file and returns that
    /// file's path (the caller deletes it); returns null for a regular file.
    /// </summary>
    public static string? CopyIfStream(string path)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (source.CanSeek)
        {
            return null;
        }

        var temp = Path.Combine(Path.GetTempPath(), $"agix-input-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
        source.CopyTo(target);
        return temp;
    }
}
