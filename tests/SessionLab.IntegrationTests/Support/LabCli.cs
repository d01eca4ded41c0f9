using System.Diagnostics;
using System.Text;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>Runs <c>sessionlab</c> as a user would, to completion, and returns its exit code and output.</summary>
internal static class LabCli
{
    public static Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args) =>
        RunAsync(timeout, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync(TimeSpan, string[])"/>, with <paramref name="environment"/> set for the process (e.g. its PATH).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunSeparatelyAsync(timeout, environment, args);
        return (exitCode, stdout + stderr);
    }

    /// <summary>Runs to completion and returns standard output and standard error apart.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunSeparatelyAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var lab = Start(environment, args);
        return await lab.WaitAsync(timeout);
    }

    /// <summary>Starts <c>sessionlab</c> and returns at once, for a test that acts while it runs (e.g. sends Ctrl+C).</summary>
    public static RunningLabCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var spec = SelfLauncher.Command(args);
        var info = new ProcessStartInfo(spec.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new RunningLabCli(Process.Start(info)!);
    }
}

/// <summary>A running <c>sessionlab</c> whose output is collected as it comes; disposing kills it if it still runs.</summary>
internal sealed class RunningLabCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public RunningLabCli(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public int ProcessId => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>; throws with the output so far if it never does.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"'{text}' never appeared. Output so far:\n{Stdout}\n{_stderr}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }

        // The parameterless wait returns once the redirected streams are drained too.
        await _process.WaitForExitAsync(CancellationToken.None);
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString();
        }

        return (_process.ExitCode, Stdout, stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }
}
