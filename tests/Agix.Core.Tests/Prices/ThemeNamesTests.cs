namespace Agix.Tests.Prices;

public sealed class ThemeNamesTests
{
    [Theory]
    [InlineData("compute", Theme.Compute)]
    [InlineData(" Cloud ", Theme.Cloud)]
    [InlineData("INTERCONNECT", Theme.Interconnect)]
    public void Theme_names_are_read_ignoring_case(string text, Theme expected)
    {
        ThemeNames.TryParse(text, out var theme).Should().BeTrue();
        theme.Should().Be(expected);
    }

    [Fact]
    public void An_unknown_theme_is_not_read()
    {
        ThemeNames.TryParse("robotics", out _).Should().BeFalse();
    }
}
