using System.Collections.ObjectModel;

namespace Agix;

/// <summary>
/// A read-only list that compares by its elements, so that records holding lists compare by value. Made from a copy:
/// the list it came from can change without changing it, and a cast gives no way to change it.
/// </summary>
internal sealed class ValueList<T> : ReadOnlyCollection<T>, IEquatable<ValueList<T>>
{
    public ValueList(IEnumerable<T> items)
        : base([.. items])
    {
    }

    public bool Equals(ValueList<T>? other) => other is not null && this.SequenceEqual(other);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in this)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A read-only dictionary that compares by its entries (in any order) and keeps its insertion order.</summary>
internal sealed class ValueMap<TKey, TValue> : ReadOnlyDictionary<TKey, TValue>, IEquatable<ValueMap<TKey, TValue>>
    where TKey : notnull
{
    public ValueMap(IEnumerable<KeyValuePair<TKey, TValue>> entries)
        : base(entries.ToDictionary(e => e.Key, e => e.Value))
    {
    }

    public bool Equals(ValueMap<TKey, TValue>? other) =>
        other is not null && Count == other.Count && this.All(e => other.TryGetValue(e.Key, out var v) && EqualityComparer<TValue>.Default.Equals(e.Value, v));

    public override bool Equals(object? obj) => obj is ValueMap<TKey, TValue> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in this)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }
}

/// <summary>Makes value collections.</summary>
internal static class Values
{
    public static IReadOnlyList<T> List<T>(IEnumerable<T> items) => items as ValueList<T> ?? new ValueList<T>(items);

    public static IReadOnlyDictionary<TKey, TValue> Map<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> entries)
        where TKey : notnull => entries as ValueMap<TKey, TValue> ?? new ValueMap<TKey, TValue>(entries);
}
