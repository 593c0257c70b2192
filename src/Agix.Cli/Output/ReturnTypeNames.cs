namespace Agix.Cli.Output;

/// <summary>The names of a <see cref="ReturnType"/> in files, JSON and reports.</summary>
internal static class ReturnTypeNames
{
    /// <summary>The key in files and JSON: "price", "gross", "net".</summary>
    public static string ToKey(this ReturnType type) => type switch
    {
        ReturnType.Gross => "gross",
        ReturnType.Net => "net",
        _ => "price",
    };

    /// <summary>The label in reports: "price return", "gross total return", "net total return".</summary>
    public static string ToLabel(this ReturnType type) => type switch
    {
        ReturnType.Gross => "gross total return",
        ReturnType.Net => "net total return",
        _ => "price return",
    };
}
