namespace SessionLab.Tests;

/// <summary>Files of the repository itself (README, docs, sample runs), found from the test binaries upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SessionLab.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"SessionLab.slnx not found above {AppContext.BaseDirectory}");
    }

    public static string Of(string relative) => Path.Combine(Root(), relative);
}
