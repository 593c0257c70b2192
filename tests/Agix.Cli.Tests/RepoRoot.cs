namespace Agix.Tests;

/// <summary>Locates files of the repository (the folder holding AgixIndex.sln).</summary>
internal static class RepoRoot
{
    public static string Path(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AgixIndex.sln")))
            {
                return System.IO.Path.Combine([folder.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("AgixIndex.sln not found above " + AppContext.BaseDirectory);
    }
}
