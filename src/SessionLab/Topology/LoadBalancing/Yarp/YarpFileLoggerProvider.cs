using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// Sends the embedded proxy's log (YARP, Kestrel) to <c>yarp.log</c>, like nginx's error log, and not to the lab's
/// console, which shows live progress.
/// </summary>
internal sealed class YarpFileLoggerProvider(YarpLogFile file) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new FileLogger(file, categoryName);

    public void Dispose()
    {
        // The file belongs to the running load balancer, which closes it after the host has stopped.
    }

    private sealed class FileLogger(YarpLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var cause = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:O} [{logLevel}] {category}: {formatter(state, exception)}{cause}"));
        }
    }
}
