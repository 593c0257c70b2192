using Agix.Cli;

// `agix --version` alone is answered before the command tree is built: the same text System.CommandLine prints
// (a test keeps them equal), in less of the start-up budget (docs/performance.md).
if (args is ["--version"])
{
    Console.Out.WriteLine(AgixCommand.Version);
    return 0;
}

return AgixCommand.Create().Parse(args).Invoke();
