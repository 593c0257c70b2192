using System.Runtime.InteropServices;

namespace Agix.Prices;

/// <summary>
/// Large arrays of zeros whose pages are not touched until written: on Linux the whole pages of a new pinned array
/// are handed back to the kernel (<c>madvise(MADV_DONTNEED)</c>, which makes private anonymous memory read as zeros
/// from then on) instead of being cleared one by one, as the runtime clears every new array. A column that is
/// mostly zero (dividends) or stands for its default with 0 (split ratios) then costs no memory, and a column that
/// is written in full is touched once instead of twice. Elsewhere, or when the kernel refuses, the array is cleared.
/// </summary>
internal static class PanelMemory
{
    private const int MadviseDontNeed = 4;
    private static bool _unavailable;

    /// <summary>A new array of <paramref name="length"/> zeros.</summary>
    public static double[] Zeros(int length)
    {
        var page = Environment.SystemPageSize;
        if (_unavailable || !OperatingSystem.IsLinux() || (long)length * sizeof(double) < 16L * page)
        {
            return new double[length];
        }

        // Pinned: the array never moves, so the addresses below stay its own.
        var array = GC.AllocateUninitializedArray<double>(length, pinned: true);
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var end = start + (nint)((long)length * sizeof(double));
        var firstPage = (start + page - 1) & ~(nint)(page - 1);
        var lastPage = end & ~(nint)(page - 1);
        var head = (int)((firstPage - start) / sizeof(double));
        var tail = (int)((end - lastPage) / sizeof(double));
        try
        {
            if (Madvise(firstPage, (nuint)(lastPage - firstPage), MadviseDontNeed) == 0)
            {
                array.AsSpan(0, head).Clear();
                array.AsSpan(length - tail).Clear();
                return array;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }

        Array.Clear(array);
        return array;
    }

    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
