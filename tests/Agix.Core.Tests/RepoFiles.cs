namespace Agix.Tests;

/// <summary>Locates files of the repository itself (the folder holding AgixIndex.sln).</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AgixIndex.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AgixIndex.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RootFolder => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
