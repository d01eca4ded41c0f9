using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Topology.Processes;

public sealed class ManagedProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitUntilReady_ProbeTimesOutOnItsOwnToken_KeepsPolling()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-process-");
        try
        {
            await using var process = ManagedProcess.Start("sleeper", new ProcessSpec("sleep", ["30"]), Path.Combine(folder.FullName, "sleeper.log"));
            var attempts = 0;

            // A socket connect cancelled by the probe's own timeout throws OperationCanceledException (not
            // TaskCanceledException): that is "not ready yet", never the end of the wait.
            await process.WaitUntilReadyAsync(
                _ => ++attempts < 3 ? throw new OperationCanceledException() : Task.FromResult(true),
                TimeSpan.FromSeconds(10),
                Ct);

            Assert.Equal(3, attempts);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WaitUntilReady_CallerCancels_Throws()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-process-");
        try
        {
            await using var process = ManagedProcess.Start("sleeper", new ProcessSpec("sleep", ["30"]), Path.Combine(folder.FullName, "sleeper.log"));
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => process.WaitUntilReadyAsync(_ => Task.FromResult(false), TimeSpan.FromSeconds(10), cancel.Token));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
