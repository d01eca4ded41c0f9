namespace SessionLab.Tests.Measurement.External;

/// <summary>Real outputs of ApacheBench 2.3 (Debian) against a tiny local Kestrel, captured for the parser tests.</summary>
internal static class AbOutputs
{
    // ab -n 300 -c 10 http://127.0.0.1:17380/ok
    public const string Ok = """
        This is ApacheBench, Version 2.3 <$Revision$>
        Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
        Licensed to The Apache Software Foundation, http://www.apache.org/

        Benchmarking 127.0.0.1 (be patient)
        Completed 100 requests
        Completed 200 requests
        Completed 300 requests
        Finished 300 requests


        Server Software:        Kestrel
        Server Hostname:        127.0.0.1
        Server Port:            17380

        Document Path:          /ok
        Document Length:        2 bytes

        Concurrency Level:      10
        Time taken for tests:   0.052 seconds
        Complete requests:      300
        Failed requests:        0
        Total transferred:      40500 bytes
        HTML transferred:       600 bytes
        Requests per second:    5744.93 [#/sec] (mean)
        Time per request:       1.741 [ms] (mean)
        Time per request:       0.174 [ms] (mean, across all concurrent requests)
        Transfer rate:          757.39 [Kbytes/sec] received

        Connection Times (ms)
                      min  mean[+/-sd] median   max
        Connect:        0    0   0.3      0       5
        Processing:     0    2   1.2      1       6
        Waiting:        0    1   1.2      1       6
        Total:          0    2   1.2      1       6

        Percentage of the requests served within a certain time (ms)
          50%      1
          66%      2
          75%      2
          80%      2
          90%      3
          95%      5
          98%      6
          99%      6
         100%      6 (longest request)
        """;

    // ab -n 300 -c 10 -k -H "Authorization: Bearer abc.def.ghi" .../mixed: the 503s differ in length, so ab also calls them failed
    public const string KeepAliveWithFailures = """
        This is ApacheBench, Version 2.3 <$Revision$>
        Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
        Licensed to The Apache Software Foundation, http://www.apache.org/

        Benchmarking 127.0.0.1 (be patient)
        Completed 100 requests
        Completed 200 requests
        Completed 300 requests
        Finished 300 requests


        Server Software:        Kestrel
        Server Hostname:        127.0.0.1
        Server Port:            17380

        Document Path:          /mixed
        Document Length:        2 bytes

        Concurrency Level:      10
        Time taken for tests:   0.017 seconds
        Complete requests:      300
        Failed requests:        30
           (Connect: 0, Receive: 0, Length: 30, Exceptions: 0)
        Non-2xx responses:      30
        Keep-Alive requests:    300
        Total transferred:      46920 bytes
        HTML transferred:       540 bytes
        Requests per second:    17151.68 [#/sec] (mean)
        Time per request:       0.583 [ms] (mean)
        Time per request:       0.058 [ms] (mean, across all concurrent requests)
        Transfer rate:          2619.65 [Kbytes/sec] received

        Connection Times (ms)
                      min  mean[+/-sd] median   max
        Connect:        0    0   0.0      0       0
        Processing:     0    0   0.5      0       8
        Waiting:        0    0   0.5      0       8
        Total:          0    0   0.5      0       9

        Percentage of the requests served within a certain time (ms)
          50%      0
          66%      0
          75%      0
          80%      0
          90%      0
          95%      1
          98%      1
          99%      2
         100%      9 (longest request)
        """;

    // ab -n 300 -c 10 -k -l .../mixed: with -l only the non-2xx remain
    public const string VariableLength = """
        This is ApacheBench, Version 2.3 <$Revision$>
        Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
        Licensed to The Apache Software Foundation, http://www.apache.org/

        Benchmarking 127.0.0.1 (be patient)
        Completed 100 requests
        Completed 200 requests
        Completed 300 requests
        Finished 300 requests


        Server Software:        Kestrel
        Server Hostname:        127.0.0.1
        Server Port:            17380

        Document Path:          /mixed
        Document Length:        Variable

        Concurrency Level:      10
        Time taken for tests:   0.013 seconds
        Complete requests:      300
        Failed requests:        0
        Non-2xx responses:      30
        Keep-Alive requests:    300
        Total transferred:      46920 bytes
        HTML transferred:       540 bytes
        Requests per second:    22660.32 [#/sec] (mean)
        Time per request:       0.441 [ms] (mean)
        Time per request:       0.044 [ms] (mean, across all concurrent requests)
        Transfer rate:          3461.01 [Kbytes/sec] received

        Connection Times (ms)
                      min  mean[+/-sd] median   max
        Connect:        0    0   0.1      0       1
        Processing:     0    0   0.3      0       3
        Waiting:        0    0   0.2      0       2
        Total:          0    0   0.3      0       3

        Percentage of the requests served within a certain time (ms)
          50%      0
          66%      0
          75%      0
          80%      1
          90%      1
          95%      1
          98%      1
          99%      1
         100%      3 (longest request)
        """;

    // ab -n 20 -c 2 http://127.0.0.1:17399/ok with nothing listening (exit code 111)
    public const string Refused = """
        This is ApacheBench, Version 2.3 <$Revision$>
        Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
        Licensed to The Apache Software Foundation, http://www.apache.org/

        Benchmarking 127.0.0.1 (be patient)...apr_socket_recv: Connection refused (111)
        """;
}
