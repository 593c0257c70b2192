namespace Agix.Cli;

/// <summary>The data folder that ships with the tool (copied next to the executable at build time).</summary>
internal static class BundledData
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data");
}
