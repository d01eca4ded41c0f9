using System.Text;

namespace SessionLab.Topology.Stores.Cluster;

/// <summary>
/// Redis Cluster's key-to-slot function: CRC16 (XMODEM) of the key, or of its hash tag (the text between the first
/// <c>{</c> and the next <c>}</c>, when not empty), modulo 16384. The lab uses it to tell which shard holds a session.
/// </summary>
internal static class HashSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var span = bytes.AsSpan();
        var open = span.IndexOf((byte)'{');
        if (open >= 0)
        {
            var close = span[(open + 1)..].IndexOf((byte)'}');
            if (close > 0)
            {
                span = span.Slice(open + 1, close);
            }
        }

        return Crc16(span) % ClusterSettings.Slots;
    }

    private static int Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }
}
