namespace Agix.Tests.Prices;

public sealed class ThemeNamesTests
{
    [Theory]
    [InlineData("compute", "compute")]
    [InlineData(" Cloud ", "cloud")]
    [InlineData("INTERCONNECT", "interconnect")]
    [InlineData("robotics", "robotics")]
    [InlineData("AI-Power_2", "ai-power_2")]
    public void Theme_names_are_any_letters_digits_dashes_and_underscores_read_ignoring_case(string text, string expected)
    {
        ThemeNames.TryParse(text, out var theme).Should().BeTrue();
        theme.Name.Should().Be(expected);
        theme.Should().Be(Theme.Of(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ai power")]
    [InlineData("robotics!")]
    [InlineData("künstlich")]
    public void Other_text_is_not_a_theme_name(string text)
    {
        ThemeNames.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void The_default_themes_sort_first_in_their_canonical_order_then_the_others_by_name()
    {
        Theme[] themes = [Theme.Of("robotics"), Theme.Software, Theme.Of("applications"), Theme.Compute, Theme.Edge, Theme.Cloud, Theme.Interconnect];

        themes.Order().Select(t => t.Name).Should().Equal("compute", "cloud", "edge", "interconnect", "software", "applications", "robotics");
    }
}
