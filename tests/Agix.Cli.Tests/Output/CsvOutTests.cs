using Agix.Cli.Output;

namespace Agix.Tests.Output;

public sealed class CsvOutTests
{
    [Fact]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_escaped_while_numbers_stay_numbers()
    {
        var w = new StringWriter();
        using (var csv = new CsvOut(w))
        {
            csv.Text("=1+1").Text("+CMD").Text("-X").Text("@SUM(A1)").Text("NVDA").Number(-0.25).Number(1e-7).Number(double.NaN).End();
        }

        // Escaped text is prefixed with ' and quoted (RFC 4180); numbers are written as numbers, NaN as an empty cell.
        w.ToString().Should().Be("\"'=1+1\",\"'+CMD\",\"'-X\",\"'@SUM(A1)\",NVDA,-0.25,1E-07,\n");
    }
}
