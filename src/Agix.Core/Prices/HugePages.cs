using System.Runtime.InteropServices;

namespace Agix.Prices;

/// <summary>
/// Large panel columns (of either price reader) on Linux: allocated pinned and advised for transparent huge pages before their first write, so
/// that filling them takes one page fault per 2 MiB instead of one per 4 KiB. Page faults are the largest cost of
/// filling a big panel (docs/performance.md); where the kernel gives no huge page, or on another system, this is an
/// ordinary zeroed array. The values are the same either way.
/// </summary>
internal static class HugePages
{
    private const int MadvHugePage = 14;
    private const long HugePageBytes = 2L << 20;

    /// <summary>A zeroed array of <paramref name="length"/> doubles, advised for huge pages when it spans several of them.</summary>
    public static double[] Doubles(int length)
    {
        if (!OperatingSystem.IsLinux() || (long)length * sizeof(double) < 4 * HugePageBytes)
        {
            return new double[length];
        }

        var array = GC.AllocateArray<double>(length, pinned: true);
        try
        {
            var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
            var first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
            var end = (start + ((long)length * sizeof(double))) & ~(HugePageBytes - 1);
            if (end > first)
            {
                _ = Madvise((nint)first, (nuint)(end - first), MadvHugePage); // advice only: a refusal changes nothing
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: an ordinary array.
        }

        return array;
    }

    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
