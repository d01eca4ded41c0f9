using System.Text.RegularExpressions;

namespace SessionLab.Tests;

/// <summary>The README and the specification as a fresh clone has them: every link leads to a file in the repository.</summary>
public sealed partial class DocumentationTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/SPEC.md")]
    public void Links_PointOnlyAtFilesInTheRepository(string document)
    {
        var root = Repository.Root();
        var path = Path.Combine(root, document);
        var folder = Path.GetDirectoryName(path)!;

        var targets = Link().Matches(File.ReadAllText(path)).Select(m => m.Groups["target"].Value.Split('#')[0])
            .Where(t => t.Length > 0 && !t.StartsWith("http", StringComparison.Ordinal)).ToList();

        Assert.All(targets, target =>
        {
            var full = Path.GetFullPath(Path.Combine(folder, target));
            Assert.True(full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{target} is outside the repository");
            Assert.True(File.Exists(full) || Directory.Exists(full), $"{target} does not exist");
        });
    }

    [Fact]
    public void Readme_LinksTheSpecification_AndDefinesSessionlabBeforeUsingIt()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root(), "README.md"));

        Assert.Contains("[docs/SPEC.md](docs/SPEC.md)", readme, StringComparison.Ordinal);
        Assert.True(readme.IndexOf("alias sessionlab=", StringComparison.Ordinal) < readme.IndexOf("sessionlab fault", StringComparison.Ordinal));
        Assert.Contains("\"password_hash\"", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
