using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace SessionLab.Backend.Common;

/// <summary>
/// Kestrel's socket transport, with one addition: <see cref="UnbindAllAsync"/> closes the listening sockets while the
/// connections already open keep working. Kestrel itself only stops listening as it also closes its idle connections;
/// the drain needs the first without the second, so a balancer's new connections are refused (it retries those on
/// another backend, POSTs included, since nothing was sent) while its kept-alive ones are still answered.
/// </summary>
internal sealed class DrainingListenerFactory(IConnectionListenerFactory inner) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly Lock _lock = new();
    private readonly List<IConnectionListener> _listeners = [];

    /// <summary>Wraps the transport Kestrel was given (its socket transport) in this factory.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var transport = services.LastOrDefault(d => d.ServiceType == typeof(IConnectionListenerFactory))
            ?? throw new InvalidOperationException("Kestrel's socket transport is not registered.");
        services.Remove(transport);
        services.AddSingleton(sp => new DrainingListenerFactory(transport switch
        {
            { ImplementationInstance: IConnectionListenerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (IConnectionListenerFactory)factory(sp),
            _ => (IConnectionListenerFactory)ActivatorUtilities.CreateInstance(sp, transport.ImplementationType!),
        }));
        services.AddSingleton<IConnectionListenerFactory>(sp => sp.GetRequiredService<DrainingListenerFactory>());
    }

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await inner.BindAsync(endpoint, cancellationToken);
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    public bool CanBind(EndPoint endpoint) => inner is not IConnectionListenerFactorySelector selector || selector.CanBind(endpoint);

    /// <summary>Stops accepting: Kestrel's accept loop ends as it would on stop; open connections are untouched.</summary>
    public async Task UnbindAllAsync(CancellationToken cancellationToken)
    {
        IConnectionListener[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            await listener.UnbindAsync(cancellationToken);
        }
    }
}
