namespace SessionLab.Topology.LoadBalancing.Yarp;

/// <summary>
/// One backend's failure bookkeeping as nginx keeps it (<c>fails</c>, <c>accessed</c>, <c>checked</c> in
/// ngx_http_upstream_round_robin.c). Failures add up; only a success more than <c>fail_timeout</c> after the last
/// failure clears them. At <c>max_fails</c> the backend is out for <c>fail_timeout</c>; then a request probes it,
/// and one more failure takes it out again. Times are offsets on any monotonic clock.
/// </summary>
internal sealed class NginxPeerFailures(int maxFails, TimeSpan failTimeout)
{
    private readonly Lock _lock = new();
    private int _fails;
    private TimeSpan _accessed;
    private TimeSpan _checked;

    /// <summary>Records the outcome of a request that went to this backend; true when the backend must now be taken out.</summary>
    public bool Record(bool failed, TimeSpan now)
    {
        lock (_lock)
        {
            // nginx moves "checked" when it selects a peer whose last check is older than fail_timeout.
            if (now - _checked > failTimeout)
            {
                _checked = now;
            }

            if (!failed)
            {
                // A success only clears failures older than the last check, i.e. a probe after fail_timeout succeeded.
                if (_accessed < _checked)
                {
                    _fails = 0;
                }

                return false;
            }

            _fails++;
            _accessed = now;
            _checked = now;

            // max_fails=0 switches the accounting off, as in nginx.
            return maxFails > 0 && _fails >= maxFails;
        }
    }
}
