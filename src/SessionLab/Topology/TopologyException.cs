namespace SessionLab.Topology;

/// <summary>The topology could not be brought up or changed; the message names the cause for the user.</summary>
internal sealed class TopologyException : Exception
{
    public TopologyException()
    {
    }

    public TopologyException(string message)
        : base(message)
    {
    }

    public TopologyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
