using Agix.Cli;

return AgixCommand.Create().Parse(args).Invoke();
