using System.Buffers;
using System.Runtime.CompilerServices;

namespace SessionLab.Measurement.Load;

/// <summary>
/// One worker's way of sending: its prepared request, a pooled buffer to drain bodies into and a reusable timeout,
/// so the steady state allocates little beyond the HTTP messages themselves.
/// </summary>
internal sealed class RequestSender : IDisposable
{
    private const int DrainBufferSize = 16 * 1024;

    private readonly HttpMessageInvoker _invoker;
    private readonly PreparedRequest _request;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _runToken;
    private readonly byte[] _drainBuffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
    private CancellationTokenSource _timeoutSource;

    public RequestSender(HttpMessageInvoker invoker, PreparedRequest request, TimeSpan timeout, CancellationToken runToken)
    {
        _invoker = invoker;
        _request = request;
        _timeout = timeout;
        _runToken = runToken;
        _timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(runToken);
    }

    /// <summary>Sends once and reads the whole body; failures come back as outcomes, only the run's cancellation throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ExchangeOutcome> SendAsync()
    {
        _timeoutSource.CancelAfter(_timeout);
        var token = _timeoutSource.Token;
        try
        {
            using var request = _request.Create();
            using var response = await _invoker.SendAsync(request, token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (await stream.ReadAsync(_drainBuffer, token).ConfigureAwait(false) > 0)
                {
                }
            }

            return new ExchangeOutcome((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (_runToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new ExchangeOutcome(0, ErrorKinds.Timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new ExchangeOutcome(0, ErrorKinds.ForException(e));
        }
        finally
        {
            // A source whose timer already fired cannot be reset; only then is a new one linked.
            if (!_timeoutSource.TryReset())
            {
                _timeoutSource.Dispose();
                _timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(_runToken);
            }
        }
    }

    public void Dispose()
    {
        _timeoutSource.Dispose();
        ArrayPool<byte>.Shared.Return(_drainBuffer);
    }
}
