using System.Net;
using System.Net.Http.Headers;

namespace SessionLab.Measurement.Load;

/// <summary>A <see cref="RequestTemplate"/> resolved once per worker, so each send only allocates the message itself.</summary>
internal sealed class PreparedRequest
{
    private readonly HttpMethod _method;
    private readonly Uri _uri;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly MediaTypeHeaderValue? _contentType;

    public PreparedRequest(Uri target, RequestTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _method = template.Method;
        _uri = new Uri(target, template.Path);
        _headers = [.. template.Headers];
        _body = template.Body;
        _contentType = _body.IsEmpty ? null : MediaTypeHeaderValue.Parse(template.ContentType);
    }

    public HttpRequestMessage Create()
    {
        var request = new HttpRequestMessage(_method, _uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        // Without validation: the values are the caller's own and parsing them on every send would cost more than the send.
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_contentType is not null)
        {
            request.Content = new ReadOnlyMemoryContent(_body);
            request.Content.Headers.ContentType = _contentType;
        }

        return request;
    }
}
