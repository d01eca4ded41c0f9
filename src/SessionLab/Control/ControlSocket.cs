using System.Net.Sockets;
using System.Text;

namespace SessionLab.Control;

/// <summary>
/// A Unix socket in the run folder through which <c>sessionlab fault ...</c> (another terminal, a script) reaches a running
/// <c>sessionlab up</c>. Local only, owner-only permissions: a file, not a port anyone could reach.
/// </summary>
internal sealed class ControlSocket : IAsyncDisposable
{
    public const string FileName = "control.sock";

    private readonly Socket _listener;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ControlSocket(Socket listener, string path, FaultCommandInterpreter interpreter)
    {
        _listener = listener;
        _path = path;
        _loop = AcceptLoopAsync(interpreter);
    }

    public static ControlSocket Open(string runFolder, FaultCommandInterpreter interpreter)
    {
        var path = Path.Combine(runFolder, FileName);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        listener.Listen(4);
        return new ControlSocket(listener, path, interpreter);
    }

    /// <summary>Sends one command to the lab whose run folder is <paramref name="runFolder"/> and returns its reply.</summary>
    public static async Task<FaultReply> SendAsync(string runFolder, string command, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(runFolder, FileName)), cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), cancellationToken);
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FaultReply.Decode(await reader.ReadToEndAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closing.
        }

        File.Delete(_path);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(FaultCommandInterpreter interpreter)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptAsync(_stop.Token);
            try
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var line = await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
                var reply = await interpreter.ExecuteAsync(line, atPrompt: false, _stop.Token);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(reply.Encode() + "\n"), _stop.Token);
            }
            catch (IOException)
            {
                // That client went away before its reply; the next one is still served.
            }
        }
    }
}
