using System.CommandLine;
using System.Globalization;
using Agix.Cli.Output;
using NodaTime;

namespace Agix.Cli.Commands;

/// <summary>
/// <c>agix trades --date DATE --holdings FILE [--cash AMOUNT] [--lot N]</c>: the orders that move a portfolio to the
/// target weights of the rebalance on, or last before, a date.
/// </summary>
internal static class TradesCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var date = InputOptions.DateOption("--date", "The rebalance date, or any date: the rebalance on or last before it");
        date.Required = true;
        var holdings = new Option<string>("--holdings") { Description = "The portfolio: a CSV with columns symbol,shares", HelpName = "FILE", Required = true };
        var cash = InputOptions.NumberOption("--cash", "Cash in the portfolio, in the prices' currency (default 0)", 0, double.MaxValue, "25000");
        var lot = InputOptions.NumberOption("--lot", "Trade in multiples of this many shares, a whole number (default 1)", 1, 1e9, "100");
        var command = new Command("trades", "Compute the orders that move a portfolio to the target weights of a rebalance: value V = shares x price + cash, target shares = floor(weight x V / (price x lot)) x lot, at the closes of the rebalance's price date (T, or the last price date for a pro-forma rebalance). A holding outside the index is sold.\n\nExample:\n  agix trades --date 2026-03-20 --holdings holdings.csv --cash 25000 --lot 1 --format markdown")
        {
            date, holdings, cash, lot,
        };
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var lotSize = result.GetValue(lot) ?? 1;
            if (lotSize != Math.Floor(lotSize))
            {
                throw new UsageException($"--lot {lotSize.ToString(CultureInfo.InvariantCulture)}: expected a whole number of shares, e.g. 100");
            }

            var paths = inputs.Paths(result, withBenchmarks: false);
            var holdingsPath = result.GetValue(holdings)!;
            var outputs = inputs.Outputs(result, paths, [holdingsPath]);
            var data = Inputs.Load(paths);
            var r = IndexCalculator.RebalanceOn(data, result.GetValue(date)!.Value);
            var holdingsName = Inputs.Display(holdingsPath);
            var held = Holdings.Read(holdingsPath, holdingsName, data, out var holdingLines);
            var priceDate = r.ProFormaAsOf ?? r.Date;
            var prices = Trades.Closes(data.Prices, priceDate, r.Constituents.Select(c => c.Symbol).Union(held.Keys, StringComparer.Ordinal), out var problems);
            Diagnostic Where(string symbol, Severity severity, string message) => holdingLines.TryGetValue(symbol, out var line)
                ? new Diagnostic(severity, holdingsName, line, 1, message)
                : new Diagnostic(severity, Inputs.Display(paths.Prices), 0, 0, message);
            var missing = problems.Where(p => p.LastClose is null).Select(p => Where(p.Symbol, Severity.Error, $"{p.Symbol} has no close on or before {Fmt.Date(priceDate)}, the rebalance's price date")).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException(missing);
            }

            var older = problems.Select(p => Where(p.Symbol, Severity.Warning, $"{p.Symbol} has no close on {Fmt.Date(priceDate)}, the rebalance's price date: priced at its last close, of {Fmt.Date(p.LastClose!.Value)}"));
            inputs.Report(result, stderr, [.. r.Warnings, .. older]);
            var targets = r.Constituents.Select(c => new Target(c.Symbol, c.Theme.ToName(), c.Weight)).ToList();
            var themes = data.Universe.ToDictionary(u => u.Symbol, u => u.Theme.ToName(), StringComparer.Ordinal);
            var orders = Trades.Compute(priceDate, targets, themes, held, prices, result.GetValue(cash) ?? 0, lotSize);
            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w => Write(w, format, data, r, orders));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(TextWriter w, string? format, IndexData data, Rebalance r, Trades orders)
    {
        switch (format)
        {
            case "json":
                Json.Write(w, j =>
                {
                    j.WriteStartObject();
                    j.WriteString("date", Fmt.Date(r.Date));
                    j.WriteString("priceDate", Fmt.Date(orders.PriceDate));
                    j.Number("portfolioValue", orders.Value);
                    j.Number("cash", orders.CashLeft);
                    j.Number("cashBefore", orders.Cash);
                    j.WriteBoolean("proForma", r.IsProForma);
                    j.WriteStartArray("orders");
                    foreach (var o in orders.Orders)
                    {
                        j.WriteStartObject();
                        j.WriteString("symbol", o.Symbol);
                        j.WriteString("theme", o.Theme);
                        j.Number("weight", o.Weight);
                        j.Number("price", o.Price);
                        j.Number("shares", o.Shares);
                        j.Number("targetShares", o.TargetShares);
                        j.Number("tradeShares", o.TradeShares);
                        j.Number("tradeValue", o.TradeValue);
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteBoolean("synthetic", data.IsSynthetic);
                    j.WriteEndObject();
                });
                break;
            case "csv":
                using (var csv = new CsvOut(w))
                {
                    csv.Header("symbol", "theme", "weight", "price", "shares", "target_shares", "trade_shares", "trade_value");
                    foreach (var o in orders.Orders)
                    {
                        csv.Text(o.Symbol).Text(o.Theme).Number(o.Weight).Number(o.Price).Number(o.Shares).Number(o.TargetShares).Number(o.TradeShares).Number(o.TradeValue).End();
                    }

                    // The cash, as a holding priced at 1: before, after, and the change.
                    csv.Text("CASH").Text(string.Empty).Number(orders.CashLeft / orders.Value).Number(1).Number(orders.Cash).Number(orders.CashLeft).Number(orders.CashLeft - orders.Cash).Number(orders.CashLeft - orders.Cash).End();
                }

                break;
            case "markdown":
                w.WriteLine($"## {data.Methodology.Name}: trades for the {(r.IsProForma ? "pro-forma " : string.Empty)}rebalance on {Fmt.Date(r.Date)}");
                w.WriteLine();
                if (data.IsSynthetic)
                {
                    w.WriteLine("> **Synthetic demo prices** — not real market data.");
                    w.WriteLine();
                }

                w.WriteLine($"Prices: closes of {Fmt.Date(orders.PriceDate)}; portfolio value {Fmt.Num(orders.Value)}; cash {Fmt.Num(orders.Cash)} before, {Fmt.Num(orders.CashLeft)} after.");
                w.WriteLine();
                w.WriteLine("| symbol | theme | weight | price | shares | target | trade | value |");
                w.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var o in orders.Orders)
                {
                    w.WriteLine($"| {o.Symbol} | {o.Theme} | {Fmt.Pct(o.Weight)} | {Fmt.Num(o.Price)} | {Fmt.Num(o.Shares, 0)} | {Fmt.Num(o.TargetShares, 0)} | {Signed(o.TradeShares, 0)} | {Signed(o.TradeValue, 2)} |");
                }

                break;
            default:
                w.WriteLine($"{data.Methodology.Name}: trades for the {(r.IsProForma ? "PRO-FORMA " : string.Empty)}rebalance on {Fmt.Date(r.Date)}{(data.IsSynthetic ? "  ** SYNTHETIC demo prices, not real market data **" : string.Empty)}");
                w.WriteLine($"  Prices:      closes of {Fmt.Date(orders.PriceDate)}");
                w.WriteLine($"  Value:       {Fmt.Num(orders.Value)} (cash {Fmt.Num(orders.Cash)} before, {Fmt.Num(orders.CashLeft)} after the trades)");
                w.WriteLine();
                var table = new TextTable("symbol", "theme", "weight", "price", "shares", "target", "trade", "value").RightAlign(2, 3, 4, 5, 6, 7);
                foreach (var o in orders.Orders)
                {
                    table.Add(o.Symbol, o.Theme, Fmt.Pct(o.Weight), Fmt.Num(o.Price), Fmt.Num(o.Shares, 0), Fmt.Num(o.TargetShares, 0), Signed(o.TradeShares, 0), Signed(o.TradeValue, 2));
                }

                table.WriteTo(w, "  ");
                break;
        }
    }

    private static string Signed(double x, int decimals) => (x > 0 ? "+" : string.Empty) + Fmt.Num(x, decimals);
}

/// <summary>One order: a name held or in the target.</summary>
internal sealed record Order(string Symbol, string Theme, double Weight, double Price, double Shares, double TargetShares, double TradeShares, double TradeValue);

/// <summary>A name of the rebalance's target and its weight.</summary>
internal sealed record Target(string Symbol, string Theme, double Weight);

/// <summary>A name whose close on the price date is missing: its last earlier close, or null when it has none.</summary>
internal sealed record PriceProblem(string Symbol, LocalDate? LastClose);

/// <summary>
/// The orders of a rebalance for a portfolio: V = Σ shares × price + cash; target shares = floor(w × V / (price × lot))
/// × lot; trade = target − held; the cash left is V − Σ target × price. <see cref="Compute"/> is a pure function.
/// </summary>
internal sealed record Trades(LocalDate PriceDate, double Value, double Cash, double CashLeft, IReadOnlyList<Order> Orders)
{
    /// <summary>
    /// The relative tolerance of the floor: a target that is a whole number of lots in exact arithmetic (a 10 % weight
    /// of 333,276.30 at 529.01 is 63 shares) is not cut by one lot because w × V / (price × lot) rounds to 62.99999999999999.
    /// The cash this can overdraw is at most 1e-12 of V.
    /// </summary>
    public const double FloorTolerance = 1e-12;

    /// <summary>
    /// The close of each symbol on <paramref name="priceDate"/> or, failing that, its last close before it; the symbols
    /// without a close on the date are listed in <paramref name="problems"/> (with no close at all: not priced).
    /// </summary>
    public static Dictionary<string, double> Closes(PricePanel prices, LocalDate priceDate, IEnumerable<string> symbols, out List<PriceProblem> problems)
    {
        var day = prices.IndexOnOrBefore(priceDate);
        var onDate = day >= 0 && prices.Dates[day] == priceDate;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        problems = [];
        foreach (var symbol in symbols.Order(StringComparer.Ordinal))
        {
            var s = prices.IndexOfSymbol(symbol);
            var d = day;
            while (s >= 0 && d >= 0 && !prices.HasRow(d, s))
            {
                d--;
            }

            if (s < 0 || d < 0)
            {
                problems.Add(new PriceProblem(symbol, null));
                continue;
            }

            result[symbol] = prices.GetClose(d, s);
            if (d != day || !onDate)
            {
                problems.Add(new PriceProblem(symbol, prices.Dates[d]));
            }
        }

        return result;
    }

    /// <summary>
    /// The orders, one per name held or targeted (a held name outside the target has weight 0 and is sold), sorted by
    /// theme, weight (largest first) and symbol.
    /// </summary>
    /// <param name="priceDate">The date of the closes (reported, not used).</param>
    /// <param name="targets">The rebalance's names and weights.</param>
    /// <param name="themes">The theme of every universe member (a held name outside the universe has none).</param>
    /// <param name="held">Shares held, at least 0.</param>
    /// <param name="prices">The close of every held or targeted name, greater than 0.</param>
    /// <param name="cash">Cash held, at least 0.</param>
    /// <param name="lot">The lot size, a whole number of at least 1.</param>
    public static Trades Compute(
        LocalDate priceDate, IReadOnlyList<Target> targets, IReadOnlyDictionary<string, string> themes, IReadOnlyDictionary<string, double> held,
        IReadOnlyDictionary<string, double> prices, double cash, double lot)
    {
        var byName = targets.ToDictionary(t => t.Symbol, StringComparer.Ordinal);
        var value = held.Sum(h => h.Value * prices[h.Key]) + cash;
        var orders = new List<Order>();
        foreach (var symbol in byName.Keys.Union(held.Keys, StringComparer.Ordinal))
        {
            var price = prices[symbol];
            var weight = byName.TryGetValue(symbol, out var t) ? t.Weight : 0;
            var theme = t?.Theme ?? themes.GetValueOrDefault(symbol, string.Empty);
            var shares = held.GetValueOrDefault(symbol);
            var lots = weight * value / (price * lot);
            var target = Math.Floor(lots + (FloorTolerance * Math.Max(1, lots))) * lot;
            var trade = target - shares;
            orders.Add(new Order(symbol, theme, weight, price, shares, target, trade, trade * price));
        }

        orders.Sort((a, b) =>
        {
            var byTheme = (ThemeNames.TryParse(a.Theme, out var ta), ThemeNames.TryParse(b.Theme, out var tb)) switch
            {
                (true, true) => ta.CompareTo(tb),
                (true, false) => -1,
                (false, true) => 1,
                _ => 0,
            };
            return byTheme != 0 ? byTheme : b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        var left = value - orders.Sum(o => o.TargetShares * o.Price);

        // Within the floor's tolerance, a whole-lot target may overdraw the cash by a rounding error: that is no cash.
        return new Trades(priceDate, value, cash, left < 0 && left > -FloorTolerance * value * 2 ? 0 : left, orders);
    }
}

/// <summary>
/// Reads a holdings CSV (<c>symbol,shares</c>): a known symbol (in the universe or the prices) and a count of at least 0;
/// <c>rowLines</c> gives the line of each symbol.
/// </summary>
internal static class Holdings
{
    public static Dictionary<string, double> Read(string path, string name, IndexData data, out Dictionary<string, int> rowLines)
    {
        rowLines = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(Diagnostic.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found"));
        }

        var lines = File.ReadAllLines(path);
        var errors = new List<Diagnostic>();
        var header = lines.Length == 0 ? [] : lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int symbolCol = Array.IndexOf(header, "symbol"), sharesCol = Array.IndexOf(header, "shares");
        if (symbolCol < 0 || sharesCol < 0)
        {
            throw new InvalidInputException(Diagnostic.Error(name, 1, 0, $"expected the columns symbol,shares, found '{(lines.Length == 0 ? string.Empty : lines[0])}'"));
        }

        var known = data.Universe.Select(u => u.Symbol).Concat(data.Prices.Symbols).ToHashSet(StringComparer.Ordinal);
        var held = new Dictionary<string, double>(StringComparer.Ordinal);
        var first = rowLines;
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            var f = lines[i].Split(',');
            if (f.Length != header.Length)
            {
                errors.Add(Diagnostic.Error(name, line, 0, $"the row has {f.Length} field(s), expected {header.Length}{(f.Length > header.Length ? " (a decimal comma?)" : string.Empty)}"));
                continue;
            }

            var symbol = f[symbolCol].Trim();
            var text = f[sharesCol].Trim();
            if (!known.Contains(symbol))
            {
                errors.Add(Diagnostic.Error(name, line, symbolCol + 1, $"unknown symbol '{symbol}': neither in the universe nor in the prices"));
            }
            else if (first.TryGetValue(symbol, out var earlier))
            {
                errors.Add(Diagnostic.Error(name, line, symbolCol + 1, $"{symbol} is listed twice (first at line {earlier})"));
            }
            else if (!InputOptions.TryParseNumber(text, out var shares) || shares < 0)
            {
                errors.Add(Diagnostic.Error(name, line, sharesCol + 1, $"shares must be a number of at least 0, got '{text}'"));
            }
            else
            {
                first[symbol] = line;
                held[symbol] = shares;
            }
        }

        return errors.Count > 0 ? throw new InvalidInputException(errors) : held;
    }
}
