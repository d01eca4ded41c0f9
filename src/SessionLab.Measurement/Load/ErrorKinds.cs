using System.Globalization;
using System.Net.Sockets;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Names of the ways a request can fail, the keys of <see cref="LoadResult.FailuresByKind"/>: a non-2xx status as its
/// number (<c>"401"</c>, <c>"503"</c>), or one of the transport failures below.
/// </summary>
public static class ErrorKinds
{
    /// <summary>No complete response within the request timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>Nothing listens on the port (TCP RST on connect).</summary>
    public const string ConnectionRefused = "connection refused";

    /// <summary>The peer reset or aborted an established connection.</summary>
    public const string ConnectionReset = "connection reset";

    /// <summary>The server closed the connection before a whole response arrived.</summary>
    public const string ConnectionClosed = "connection closed";

    /// <summary>Anything else (DNS, TLS, protocol errors).</summary>
    public const string Other = "other error";

    // Status codes are counted on the hot path: look their names up instead of formatting a string per failure.
    private static readonly string[] StatusNames = Enumerable.Range(0, 1000).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The kind for an HTTP status, e.g. <c>"503"</c>.</summary>
    public static string ForStatus(int statusCode) =>
        statusCode is >= 0 and < 1000 ? StatusNames[statusCode] : statusCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kind for an exception thrown by the HTTP stack (cancellation by the run itself is not a failure).</summary>
    public static string ForException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => ConnectionRefused,
                        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ConnectionReset,
                        SocketError.TimedOut => Timeout,
                        _ => Other,
                    };
                case TimeoutException:
                    return Timeout;
                default:
                    break;
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => ConnectionClosed,
            HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } => ConnectionClosed,
            _ => Other,
        };
    }
}
