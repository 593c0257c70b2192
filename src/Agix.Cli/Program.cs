using Agix.Cli;

// `agix --version` alone is answered before the command tree is built: the same text System.CommandLine prints
// (a test keeps them equal), in less of the start-up budget (docs/performance.md).
if (args is ["--version"])
{
    try
    {
        Console.Out.WriteLine(AgixCommand.Version);
        Console.Out.Flush();
        return 0;
    }
    catch (IOException ex)
    {
        Console.Error.WriteLine($"error: cannot write the version: {ex.Message}");
        return 1;
    }
}

return AgixCommand.Create().Parse(args).Invoke();
