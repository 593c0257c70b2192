using System.Globalization;
using System.Text.Json;

namespace Agix.Prices;

/// <summary>
/// Reads <c>methodology.json</c>. A missing key takes its default; an unknown key, a wrong type or a value out of
/// range is an error, and every problem is reported at once with its line and column.
/// </summary>
internal static class MethodologyJson
{
    private static readonly string[] TopKeys = ["name", "baseDate", "baseValue", "returnType", "withholdingTax", "rebalance", "weighting", "transactionCostBps", "riskFreeRate", "benchmarks"];
    private static readonly string[] RebalanceKeys = ["months", "holidayRoll", "selectionLagDays"];
    private static readonly string[] WeightingKeys = ["scheme", "stockCap", "themeCap", "themeBudgets"];

    /// <summary>Reads a methodology file; null when it had errors (reported to <paramref name="bag"/>).</summary>
    public static Methodology? Read(string path, string name, DiagnosticBag bag)
    {
        if (!File.Exists(path))
        {
            bag.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            bag.Error(name, 0, 0, $"cannot be read: {ex.Message}");
            return null;
        }

        return Parse(bytes, name, bag);
    }

    /// <summary>Parses methodology JSON bytes (UTF-8, an optional BOM).</summary>
    public static Methodology? Parse(ReadOnlySpan<byte> json, string name, DiagnosticBag bag)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            var reason = ex.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            reason = (cut > 0 ? reason[..cut] : reason).TrimEnd('.');
            bag.Error(name, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"invalid JSON: {reason}");
            return null;
        }

        using (doc)
        {
            var ctx = new Context(name, bag, Positions.Of(json));
            var before = bag.ErrorCount;
            var m = ReadRoot(doc.RootElement, ctx);
            return bag.ErrorCount > before ? null : m;
        }
    }

    private static Methodology ReadRoot(JsonElement root, Context ctx)
    {
        var m = Methodology.Default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            ctx.Error("$", "the methodology must be a JSON object");
            return m;
        }

        ctx.UnknownKeys(root, "$", TopKeys);
        if (Context.Get(root, "name") is { } name)
        {
            if (name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString()))
            {
                m = m with { Name = name.GetString()!.Trim() };
            }
            else
            {
                ctx.Error("$.name", "name must be a non-empty string");
            }
        }

        if (Context.Get(root, "baseDate") is { } baseDate)
        {
            if (baseDate.ValueKind == JsonValueKind.String && IsoDate.TryParse(baseDate.GetString(), out var d))
            {
                m = m with { BaseDate = d };
            }
            else
            {
                ctx.Error("$.baseDate", $"baseDate must be an ISO date string (yyyy-MM-dd), got {baseDate.GetRawText()}");
            }
        }

        m = ctx.Number(root, "baseValue", "$", v => v > 0, "greater than 0") is { } bv ? m with { BaseValue = bv } : m;
        if (Context.Get(root, "returnType") is { } rt)
        {
            if (ctx.Enum(rt, "$.returnType", ["price", "gross", "net"]) is { } i)
            {
                m = m with { ReturnType = (ReturnType)i };
            }
        }

        m = ctx.Number(root, "withholdingTax", "$", v => v is >= 0 and <= 1, "between 0 and 1") is { } wt ? m with { WithholdingTax = wt } : m;
        m = ctx.Number(root, "transactionCostBps", "$", v => v is >= 0 and <= 1000, "between 0 and 1000") is { } tc ? m with { TransactionCostBps = tc } : m;
        m = ctx.Number(root, "riskFreeRate", "$", v => v is > -1 and <= 1, "between -1 (exclusive) and 1") is { } rf ? m with { RiskFreeRate = rf } : m;
        if (Context.Get(root, "benchmarks") is { } bm)
        {
            if (bm.ValueKind == JsonValueKind.Array && bm.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())))
            {
                m = m with { Benchmarks = [.. bm.EnumerateArray().Select(e => e.GetString()!.Trim())] };
            }
            else
            {
                ctx.Error("$.benchmarks", "benchmarks must be an array of symbol strings");
            }
        }

        if (Context.Get(root, "rebalance") is { } reb)
        {
            m = m with { Rebalance = ReadRebalance(reb, ctx) };
        }

        if (Context.Get(root, "weighting") is { } w)
        {
            m = m with { Weighting = ReadWeighting(w, ctx) };
        }

        return m;
    }

    private static RebalanceRules ReadRebalance(JsonElement e, Context ctx)
    {
        var r = RebalanceRules.Default;
        if (e.ValueKind != JsonValueKind.Object)
        {
            ctx.Error("$.rebalance", "rebalance must be an object");
            return r;
        }

        ctx.UnknownKeys(e, "$.rebalance", RebalanceKeys);
        if (Context.Get(e, "months") is { } months)
        {
            var list = new List<int>();
            var ok = months.ValueKind == JsonValueKind.Array && months.GetArrayLength() > 0;
            if (ok)
            {
                foreach (var x in months.EnumerateArray())
                {
                    if (x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var mo) && mo is >= 1 and <= 12 && !list.Contains(mo))
                    {
                        list.Add(mo);
                    }
                    else
                    {
                        ok = false;
                    }
                }
            }

            if (ok)
            {
                list.Sort();
                r = r with { Months = list };
            }
            else
            {
                ctx.Error("$.rebalance.months", $"months must be a non-empty array of distinct whole numbers from 1 to 12, got {months.GetRawText()}");
            }
        }

        if (Context.Get(e, "holidayRoll") is { } roll && ctx.Enum(roll, "$.rebalance.holidayRoll", ["preceding", "following"]) is { } ri)
        {
            r = r with { HolidayRoll = (HolidayRoll)ri };
        }

        if (Context.Get(e, "selectionLagDays") is { } lag)
        {
            if (lag.ValueKind == JsonValueKind.Number && lag.TryGetInt32(out var l) && l is >= 0 and <= 60)
            {
                r = r with { SelectionLagDays = l };
            }
            else
            {
                ctx.Error("$.rebalance.selectionLagDays", $"selectionLagDays must be a whole number from 0 to 60, got {lag.GetRawText()}");
            }
        }

        return r;
    }

    private static WeightingRules ReadWeighting(JsonElement e, Context ctx)
    {
        var w = WeightingRules.Default;
        if (e.ValueKind != JsonValueKind.Object)
        {
            ctx.Error("$.weighting", "weighting must be an object");
            return w;
        }

        ctx.UnknownKeys(e, "$.weighting", WeightingKeys);
        if (Context.Get(e, "scheme") is { } scheme && ctx.Enum(scheme, "$.weighting.scheme", ["theme-budget", "capped-market-cap", "market-cap", "equal"]) is { } si)
        {
            w = w with { Scheme = (WeightingScheme)si };
        }

        foreach (var key in new[] { "stockCap", "themeCap" })
        {
            if (Context.Get(e, key) is not { } cap)
            {
                continue;
            }

            double? value = null;
            if (cap.ValueKind == JsonValueKind.Number && cap.TryGetDouble(out var c) && c > 0 && c <= 1)
            {
                value = c;
            }
            else if (cap.ValueKind != JsonValueKind.Null)
            {
                ctx.Error($"$.weighting.{key}", $"{key} must be null or a number in (0, 1], got {cap.GetRawText()}");
                continue;
            }

            w = key == "stockCap" ? w with { StockCap = value } : w with { ThemeCap = value };
        }

        if (Context.Get(e, "themeBudgets") is { } budgets)
        {
            if (budgets.ValueKind != JsonValueKind.Object)
            {
                ctx.Error("$.weighting.themeBudgets", "themeBudgets must be an object of theme: budget");
                return w;
            }

            var table = new Dictionary<Theme, double>();
            var ok = true;
            foreach (var p in budgets.EnumerateObject())
            {
                var path = $"$.weighting.themeBudgets.{p.Name}";
                if (!ThemeNames.TryParse(p.Name, out var theme))
                {
                    ctx.Error(path, $"unknown theme '{p.Name}' (expected one of: {string.Join(", ", ThemeNames.All.Select(t => t.ToName()))})");
                    ok = false;
                }
                else if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var b) || b is < 0 or > 1)
                {
                    ctx.Error(path, $"the budget of {theme.ToName()} must be a number from 0 to 1, got {p.Value.GetRawText()}");
                    ok = false;
                }
                else if (!table.TryAdd(theme, b))
                {
                    ctx.Error(path, $"theme {theme.ToName()} is listed twice");
                    ok = false;
                }
            }

            if (ok)
            {
                var sum = table.Values.Sum();
                if (Math.Abs(sum - 1) > 1e-9)
                {
                    ctx.Error("$.weighting.themeBudgets", string.Create(CultureInfo.InvariantCulture, $"theme budgets must sum to 1, they sum to {sum:0.##########}"));
                }
                else
                {
                    w = w with { ThemeBudgets = table };
                }
            }
        }

        return w;
    }

    private sealed class Context(string file, DiagnosticBag bag, Dictionary<string, (int Line, int Column)> positions)
    {
        public void Error(string path, string message)
        {
            var (line, column) = positions.TryGetValue(path, out var p) ? p : (1, 1);
            bag.Error(file, line, column, message);
        }

        public static JsonElement? Get(JsonElement obj, string key) =>
            obj.TryGetProperty(key, out var v) ? v : null;

        public void UnknownKeys(JsonElement obj, string parent, string[] known)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (!known.Contains(p.Name, StringComparer.Ordinal))
                {
                    var close = known.FirstOrDefault(k => string.Equals(k, p.Name, StringComparison.OrdinalIgnoreCase));
                    var hint = close is null ? $"known keys: {string.Join(", ", known)}" : $"did you mean '{close}'?";
                    Error($"{parent}.{p.Name}", $"unknown key '{p.Name}' ({hint})");
                }
            }
        }

        public double? Number(JsonElement obj, string key, string parent, Func<double, bool> valid, string range)
        {
            if (Get(obj, key) is not { } v)
            {
                return null;
            }

            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) && valid(d))
            {
                return d;
            }

            Error($"{parent}.{key}", $"{key} must be a number {range}, got {v.GetRawText()}");
            return null;
        }

        public int? Enum(JsonElement v, string path, string[] names)
        {
            if (v.ValueKind == JsonValueKind.String)
            {
                var i = Array.FindIndex(names, n => string.Equals(n, v.GetString(), StringComparison.OrdinalIgnoreCase));
                if (i >= 0)
                {
                    return i;
                }
            }

            var key = path[(path.LastIndexOf('.') + 1)..];
            Error(path, $"{key} must be one of {string.Join(", ", names)}, got {v.GetRawText()}");
            return null;
        }
    }

    /// <summary>Maps each property path (<c>$.weighting.stockCap</c>) to the line and column of its name.</summary>
    private static class Positions
    {
        public static Dictionary<string, (int, int)> Of(ReadOnlySpan<byte> json)
        {
            var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            var stack = new Stack<string>();
            var path = "$";
            string? pending = null;
            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < json.Length; i++)
            {
                if (json[i] == (byte)'\n')
                {
                    lineStarts.Add(i + 1);
                }
            }

            (int, int) At(long offset)
            {
                var idx = lineStarts.BinarySearch((int)offset);
                var line = idx >= 0 ? idx : ~idx - 1;
                return (line + 1, (int)offset - lineStarts[line] + 1);
            }

            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = $"{path}.{reader.GetString()}";
                        result.TryAdd(pending, At(reader.TokenStartIndex));
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        stack.Push(path);
                        path = pending ?? path;
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path = stack.Pop();
                        break;
                    default:
                        pending = null;
                        break;
                }
            }

            return result;
        }
    }
}
