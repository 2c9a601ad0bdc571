using System.Text.RegularExpressions;

namespace MlMath.Tests.Docs;

/// <summary>Every relative link and image path in README.md and docs/*.md points at a file that exists.</summary>
public sealed partial class DocumentationLinkTests
{
    [GeneratedRegex(@"!?\[[^\]]*\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MlMath.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("MlMath.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> MarkdownFiles()
    {
        var root = RepositoryRoot();
        var data = new TheoryData<string>();
        data.Add("README.md");
        foreach (var file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Relative_links_and_images_resolve(string markdownFile)
    {
        var root = RepositoryRoot();
        var path = Path.Combine(root, markdownFile);
        var folder = Path.GetDirectoryName(path)!;
        var broken = new List<string>();
        var links = 0;
        foreach (Match match in MarkdownLink().Matches(File.ReadAllText(path)))
        {
            var target = match.Groups[1].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            links++;
            var file = target.Split('#')[0];
            if (!File.Exists(Path.Combine(folder, file)) && !Directory.Exists(Path.Combine(folder, file))) broken.Add(target);
        }

        broken.Should().BeEmpty($"{markdownFile} links to files that do not exist ({links} relative links checked)");
    }

    [Fact]
    public void The_docs_index_links_every_chapter()
    {
        var root = RepositoryRoot();
        var index = File.ReadAllText(Path.Combine(root, "docs", "index.md"));
        var chapters = Directory.GetFiles(Path.Combine(root, "docs"), "0*.md").Select(Path.GetFileName);
        chapters.Should().OnlyContain(chapter => index.Contains("(" + chapter + ")", StringComparison.Ordinal));
    }
}
