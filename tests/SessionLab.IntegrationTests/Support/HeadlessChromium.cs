using System.Diagnostics;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Debian's <c>chromium</c> taking a screenshot of a local page, with everything that would reach the network off.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task ScreenshotAsync(string chromium, string page, string png, int width, int height, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("sessionlab-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                $"--user-data-dir={profile.FullName}", $"--screenshot={png}", $"--window-size={width},{height}",
                new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Chromium's helpers (zygote, GPU, renderer) are children; kill them all, not just the browser.
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Timeout}: {await stderr}");
            }

            if (process.ExitCode != 0 || !File.Exists(png))
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stdout} {await stderr}");
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
