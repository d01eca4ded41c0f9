namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// <c>yarp.log</c> in the run folder: access lines and warnings, buffered and flushed every second so that logging
/// stays off the hot path yet the file is current while the lab runs.
/// </summary>
internal sealed class YarpLogFile : IDisposable
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly StreamWriter _writer;
    private readonly Timer _flushTimer;
    private bool _disposed;

    public YarpLogFile(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        _flushTimer = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public string Path { get; }

    public void WriteLine(string line)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _writer.Flush();
            }
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }
}
