namespace SessionLab.Tests.Measurement.External;

/// <summary>Real outputs of wrk 4.1.0 (Debian) against a tiny local Kestrel, captured for the parser tests.</summary>
internal static class WrkOutputs
{
    // wrk -t2 -c10 -d1s --latency http://127.0.0.1:17380/ok
    public const string Ok = """
        Running 1s test @ http://127.0.0.1:17380/ok
          2 threads and 10 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.37ms    4.46ms  42.11ms   95.44%
            Req/Sec    14.00k     4.69k   21.74k    65.00%
          Latency Distribution
             50%  262.00us
             75%  526.00us
             90%    2.44ms
             99%   29.44ms
          28119 requests in 1.02s, 4.13MB read
        Requests/sec:  27559.97
        Transfer/sec:      4.05MB
        """;

    // wrk -t2 -c10 -d1s --latency -H "Cookie: session_id=abc" .../mixed (every tenth answer 503)
    public const string NonSuccess = """
        Running 1s test @ http://127.0.0.1:17380/mixed
          2 threads and 10 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.33ms    2.22ms  17.99ms   88.26%
            Req/Sec    10.87k     2.48k   15.54k    65.00%
          Latency Distribution
             50%  217.00us
             75%    1.70ms
             90%    3.95ms
             99%   10.70ms
          21732 requests in 1.01s, 2.74MB read
          Non-2xx or 3xx responses: 2173
        Requests/sec:  21604.64
        Transfer/sec:      2.73MB
        """;

    // wrk -t2 -c4 -d2s --timeout 1s --latency .../hang (answers after 1.5 s): no latency, only socket timeouts
    public const string Timeouts = """
        Running 2s test @ http://127.0.0.1:17380/hang
          2 threads and 4 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     0.00us    0.00us   0.00us    -nan%
            Req/Sec     3.67      5.51    10.00     66.67%
          Latency Distribution
             50%    0.00us
             75%    0.00us
             90%    0.00us
             99%    0.00us
          4 requests in 2.01s, 624.00B read
          Socket errors: connect 0, read 0, write 0, timeout 4
        Requests/sec:      1.99
        Transfer/sec:     309.99B
        """;

    // wrk -t2 -c4 -d2s --timeout 3s --latency .../hang: latencies in seconds, padded with trailing spaces
    public const string Seconds = """
        Running 2s test @ http://127.0.0.1:17380/hang
          2 threads and 4 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.51s    83.07us   1.51s    75.00%
            Req/Sec     1.00      0.00     1.00    100.00%
          Latency Distribution
             50%    1.51s 
             75%    1.51s 
             90%    1.51s 
             99%    1.51s 
          4 requests in 2.00s, 624.00B read
        Requests/sec:      2.00
        Transfer/sec:     311.50B
        """;

    // wrk -t2 -c4 -d1s --latency http://127.0.0.1:17399/ok with nothing listening (exit code 1)
    public const string Refused = """
        unable to connect to 127.0.0.1:17399 Connection refused
        """;
}
