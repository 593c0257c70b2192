using NodaTime;

namespace Agix;

/// <summary>
/// A member of the index universe. It is a member on every date d with <c>Added &lt;= d &lt; Removed</c>
/// (a missing bound is open).
/// </summary>
/// <param name="Symbol">The ticker as it appears in the price file.</param>
/// <param name="Name">The company name.</param>
/// <param name="Theme">The investment line.</param>
/// <param name="Added">First date of membership, or null for "always".</param>
/// <param name="Removed">First date after membership, or null for "never removed".</param>
/// <param name="Score">Reserved for a later blended scheme.</param>
public sealed record UniverseMember(string Symbol, string Name, Theme Theme, LocalDate? Added = null, LocalDate? Removed = null, double? Score = null)
{
    /// <summary>Whether the symbol is a member on <paramref name="date"/>.</summary>
    public bool IsMemberOn(LocalDate date) => (Added is null || Added.Value <= date) && (Removed is null || date < Removed.Value);
}
