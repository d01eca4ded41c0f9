namespace SessionLab.Tests;

/// <summary>The repository the tests run from, for the files a fresh clone has (README, docs) that the build does not copy.</summary>
internal static class Repository
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
}
