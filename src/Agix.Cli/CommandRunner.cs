using System.CommandLine;

namespace Agix.Cli;

/// <summary>
/// Runs a command's body and turns failures into the contract's exit codes: invalid input is exit 2 with every
/// problem on standard error, an unwritable output exit 3, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static int Run(ParseResult result, InputOptions inputs, Func<TextWriter, TextWriter, int> body)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            return body(output, error);
        }
        catch (InvalidInputException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(Inputs.ForUser(problem).ToString());
            }

            return ExitCodes.InvalidInput;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Sources.SourceUnavailableException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.SourceUnavailable;
        }
        catch (InfeasibleWeightingException ex)
        {
            // The methodology asks for weights the data cannot give: name the methodology file.
            error.WriteLine(Diagnostic.Error(MethodologyName(result, inputs), 0, 0, ex.Message).ToString());
            return ExitCodes.InvalidInput;
        }
        catch (AgixException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Output.OutputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("AGIX_DEBUG") is null)
        {
            error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message} (set AGIX_DEBUG=1 for details; please report this)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>A problem about a value the user chose, named by the option that gave it.</summary>
    public static Diagnostic WithOption(Diagnostic d) => d.File switch
    {
        Subjects.WindowStart => d with { File = "--from" },
        Subjects.WindowEnd => d with { File = "--to" },
        Subjects.RebalanceDate => d with { File = "--date" },
        _ => d,
    };

    /// <summary>How the methodology file is named in messages.</summary>
    public static string MethodologyName(ParseResult result, InputOptions inputs)
    {
        try
        {
            return Inputs.Display(inputs.Paths(result, withBenchmarks: false).Methodology!);
        }
        catch (InvalidInputException)
        {
            return "methodology";
        }
    }
}
