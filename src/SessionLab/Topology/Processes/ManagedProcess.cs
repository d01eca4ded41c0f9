using System.Diagnostics;

namespace SessionLab.Topology.Processes;

/// <summary>
/// A child process the lab owns: its output goes to a log file, it can be killed (the whole tree) or stopped
/// gracefully, and disposing it guarantees it is gone. Experiments never start processes themselves.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ManagedProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>A short name for messages, e.g. <c>sticky/server-2</c>.</summary>
    public string Name { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <paramref name="spec"/>, appending its stdout and stderr to <paramref name="logPath"/>.</summary>
    public static ManagedProcess Start(string name, ProcessSpec spec, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // a child must never read the lab's console
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            process.Dispose();
            throw new TopologyException($"Cannot start {name} ({spec.FileName}): {e.Message}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it says ready. Fails fast with the tail of the log when the
    /// process exits first, and with a clear timeout otherwise.
    /// </summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new TopologyException($"{Name} exited with code {_process.ExitCode} before it was ready. Last lines of {LogPath}:{Environment.NewLine}{TailOfLog(8)}");
            }

            try
            {
                if (await probe(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or a probe's own timeout (a socket connect throws OperationCanceledException, not TaskCanceledException).
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TopologyException($"{Name} was not ready within {timeout.TotalSeconds:0.#} s. Last lines of {LogPath}:{Environment.NewLine}{TailOfLog(8)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>kill -9 of the whole process tree, as a crash would be; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then a kill if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = NativeSignals.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time.
            }
        }

        await KillAsync();
    }

    /// <summary>The last lines the process wrote, for error messages.</summary>
    public string TailOfLog(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, all.TakeLast(lines).Select(l => "  " + l.TrimEnd()));
        }
        catch (IOException)
        {
            return "  (log unreadable)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logLock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after disposal has nowhere to go.
            }
        }
    }
}
