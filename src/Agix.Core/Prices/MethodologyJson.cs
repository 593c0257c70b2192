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
    private static readonly string[] WeightingKeys = ["scheme", "stockCap", "themeCap", "themeBudgets", "scoreWeight"];

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
            var (line, column, reason) = SyntaxError(json, ex);
            bag.Error(name, line, column, $"invalid JSON: {reason}");
            return null;
        }

        using (doc)
        {
            var ctx = new Context(name, Positions.Of(json, out var duplicates));
            foreach (var (key, line, column, first) in duplicates)
            {
                ctx.Error(line, column, $"key '{key}' appears twice (first at line {first})");
            }

            var m = ReadRoot(doc.RootElement, ctx);
            return ctx.Flush(bag) ? null : m;
        }
    }

    /// <summary>
    /// The line, column and plain reason of a JSON syntax error. The two mistakes people make most, comments and a comma
    /// after the last item, are named as such (the column then points at the comment or the comma).
    /// </summary>
    private static (int Line, int Column, string Reason) SyntaxError(ReadOnlySpan<byte> json, JsonException ex)
    {
        int line = (int)(ex.LineNumber ?? 0) + 1, column = (int)(ex.BytePositionInLine ?? 0) + 1;
        var lines = LineStarts(json);
        var at = line - 1 < lines.Count ? Math.Min(lines[line - 1] + column - 1, json.Length) : json.Length;
        var rest = json[at..];
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (1, 0, "the file is empty: expected a JSON object such as { \"baseDate\": \"2022-11-30\" }");
        }

        if (rest.Trim(" \t\r\n"u8).IsEmpty || (rest[0] is (byte)',' or (byte)':' && rest[1..].Trim(" \t\r\n"u8).IsEmpty))
        {
            return (line, column, "the file ends before the JSON is complete (is it cut short?)");
        }

        if (rest.StartsWith("//"u8) || rest.StartsWith("/*"u8))
        {
            return (line, column, "comments are not allowed in JSON; remove the comment");
        }

        var before = at - 1;
        while (before >= 0 && json[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            before--;
        }

        if (before >= 0 && json[before] == (byte)',' && !rest.IsEmpty && rest[0] is (byte)'}' or (byte)']')
        {
            var (l, c) = Position(lines, before);
            return (l, c, $"a comma after the last item before '{(char)rest[0]}' is not allowed in JSON; remove it");
        }

        var reason = ex.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:", " Change the reader options" })
        {
            var cut = reason.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                reason = reason[..cut];
            }
        }

        return (line, column, reason.TrimEnd('.', ' '));
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> json)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(List<int> lineStarts, long offset)
    {
        var idx = lineStarts.BinarySearch((int)offset);
        var line = idx >= 0 ? idx : ~idx - 1;
        return (line + 1, (int)offset - lineStarts[line] + 1);
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
            m = m with { RebalanceRules = ReadRebalance(reb, ctx) };
        }

        if (Context.Get(root, "weighting") is { } w)
        {
            m = m with { WeightingRules = ReadWeighting(w, ctx) };
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
        if (Context.Get(e, "scheme") is { } scheme && ctx.Enum(scheme, "$.weighting.scheme", ["theme-budget", "capped-market-cap", "market-cap", "equal", "score-blend"]) is { } si)
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

        if (Context.Get(e, "scoreWeight") is { } scoreWeight)
        {
            if (scoreWeight.ValueKind == JsonValueKind.Number && scoreWeight.TryGetDouble(out var a) && a is >= 0 and <= 1)
            {
                w = w with { ScoreWeight = a };
            }
            else
            {
                ctx.Error("$.weighting.scoreWeight", $"scoreWeight must be a number from 0 to 1, got {scoreWeight.GetRawText()}");
            }
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
                    ctx.Error(path, $"'{p.Name}' is not a theme name (lower-case letters, digits, '-' and '_')");
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
                    w = w with { ThemeBudgets = new System.Collections.ObjectModel.ReadOnlyDictionary<Theme, double>(table) };
                }
            }
        }

        return w;
    }

    /// <summary>Where the errors of one file are collected, to be reported in the order of the file.</summary>
    private sealed class Context(string file, Dictionary<string, (int Line, int Column)> positions)
    {
        private readonly List<(int Line, int Column, string Message)> _errors = [];

        public void Error(string path, string message)
        {
            var (line, column) = positions.TryGetValue(path, out var p) ? p : (1, 1);
            Error(line, column, message);
        }

        public void Error(int line, int column, string message) => _errors.Add((line, column, message));

        /// <summary>Reports the errors in line order; true when there was any.</summary>
        public bool Flush(DiagnosticBag bag)
        {
            foreach (var (line, column, message) in _errors.OrderBy(e => e.Line).ThenBy(e => e.Column))
            {
                bag.Error(file, line, column, message);
            }

            return _errors.Count > 0;
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

    /// <summary>
    /// Maps each property path (<c>$.weighting.stockCap</c>) to the line and column of its name, and lists the keys that
    /// appear twice in one object (which a JSON document would otherwise resolve silently).
    /// </summary>
    private static class Positions
    {
        public static Dictionary<string, (int, int)> Of(ReadOnlySpan<byte> json, out List<(string Key, int Line, int Column, int FirstLine)> duplicates)
        {
            var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            duplicates = [];
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            var stack = new Stack<string>();
            var scopes = new Stack<Dictionary<string, int>?>();
            var path = "$";
            string? pending = null;
            var lineStarts = LineStarts(json);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var key = reader.GetString()!;
                        var at = Position(lineStarts, reader.TokenStartIndex);
                        pending = $"{path}.{key}";
                        result.TryAdd(pending, at);
                        if (scopes.TryPeek(out var scope) && scope is not null && !scope.TryAdd(key, at.Line))
                        {
                            duplicates.Add((key, at.Line, at.Column, scope[key]));
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        stack.Push(path);
                        scopes.Push(reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, int>(StringComparer.Ordinal) : null);
                        path = pending ?? path;
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path = stack.Pop();
                        scopes.Pop();
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
