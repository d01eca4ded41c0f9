using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SessionLab.Topology.Stores;

/// <summary>
/// One RESP command on a fresh loopback connection, without a client library: the lab's probes of its own Redis nodes
/// and Sentinels (readiness, roles, <c>SENTINEL get-master-addr-by-name</c>), which must never retry or reconnect by
/// themselves. Replies: <see cref="string"/> (simple and bulk), <see cref="long"/>, <c>object?[]</c> or null (nil).
/// </summary>
internal static class RespClient
{
    public static object? Call(int port, TimeSpan timeout, params string[] arguments)
    {
        using var client = new TcpClient();
        if (!client.ConnectAsync("127.0.0.1", port).Wait(timeout))
        {
            throw new IOException($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} did not accept a connection within {timeout.TotalMilliseconds:0} ms");
        }

        client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        client.SendTimeout = (int)timeout.TotalMilliseconds;
        using var stream = client.GetStream();
        stream.Write(Encode(arguments));
        using var reader = new BufferedStream(stream);
        return Read(reader);
    }

    /// <summary>Like <see cref="Call"/>, but null on any failure (refused, timed out, an error reply): for probes.</summary>
    public static object? TryCall(int port, TimeSpan timeout, params string[] arguments)
    {
        try
        {
            return Call(port, timeout, arguments);
        }
        catch (Exception e) when (e is IOException or SocketException or AggregateException or RespErrorException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>The command as a RESP array of bulk strings.</summary>
    internal static byte[] Encode(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{arguments.Count}\r\n");
        foreach (var argument in arguments)
        {
            text.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads one reply from <paramref name="stream"/> (also a pushed message of a subscription).</summary>
    internal static object? Read(Stream stream)
    {
        var line = ReadLine(stream);
        if (line.Length == 0)
        {
            throw new IOException("empty RESP line");
        }

        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new RespErrorException(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new byte[length + 2];
                stream.ReadExactly(buffer);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = Read(stream);
                }

                return items;
            default:
                throw new IOException($"not a RESP reply: {line}");
        }
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new IOException("connection closed");
            }

            if (b == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.UTF8.GetString([.. bytes[..^1]]);
            }

            bytes.Add((byte)b);
        }
    }
}

/// <summary>A RESP error reply (<c>-ERR …</c>).</summary>
internal sealed class RespErrorException(string message) : Exception(message);
