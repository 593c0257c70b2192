using PublicApiGenerator;

namespace Agix.Tests.PublicApi;

/// <summary>
/// The public API of Agix.Core is a contract with the NuGet users: this test fails on any change to it. After an
/// intended change, regenerate the snapshot with <c>AGIX_UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_approved_snapshot()
    {
        var api = typeof(IndexCalculator).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"],
        }).ReplaceLineEndings("\n");
        var path = RepoFiles.Path("tests", "Agix.Core.Tests", "PublicApi", "Agix.Core.approved.txt");
        if (Environment.GetEnvironmentVariable("AGIX_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, api);
        }

        File.Exists(path).Should().BeTrue("the approved API is committed");
        api.Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"), "the public API changed; if intended, regenerate the snapshot with AGIX_UPDATE_GOLDEN=1");
    }

    [Fact]
    public void The_public_surface_stays_small()
    {
        var types = typeof(IndexCalculator).Assembly.GetExportedTypes();

        // 44 types in 1.0: the index (Agix), the calendar, performance results and the data sources; grow it on purpose only.
        types.Length.Should().BeLessThanOrEqualTo(50);
        types.Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed).Should().BeEmpty("public classes are sealed or static");
    }
}
