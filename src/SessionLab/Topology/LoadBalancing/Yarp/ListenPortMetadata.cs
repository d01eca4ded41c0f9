namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>Endpoint metadata: the route serves only connections accepted on this local port.</summary>
internal sealed record ListenPortMetadata(int Port);
