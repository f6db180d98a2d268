using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Connections.Queries.GetConnectionStats;
using System.Diagnostics.Metrics;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime.Statistics;

/// <summary>
/// Counts this node's open sockets on request, from the registry, and publishes the same counts as
/// gauges (by endpoint and dialect; salons are no label: their number is unbounded). A walk over the
/// sockets per request or scrape: cheap next to the sockets themselves, and nothing to keep in step.
/// </summary>
public sealed class ConnectionStatistics : IConnectionStatistics
{
    private readonly ConnectionRegistry _registry;
    private readonly RealtimeTraffic _traffic;

    public ConnectionStatistics(ConnectionRegistry registry, RealtimeTraffic traffic)
    {
        _registry = registry;
        _traffic = traffic;
        traffic.Meter.CreateObservableGauge("cleanchat.realtime.connections", ConnectionGauge, "{connection}", "Open client sockets on this node.");
        traffic.Meter.CreateObservableGauge("cleanchat.realtime.participants.online", ParticipantGauge, "{participant}", "Distinct accounts with an open socket on this node.");
    }

    public int WindowSeconds => FrameRateWindow.Seconds;

    public ConnectionCountsDto ForSalon(long salonId)
    {
        var (framesIn, framesOut) = _traffic.SalonRates(salonId);
        return Count(_registry.All.Where(c => c.Traffic.SalonIds.Contains(salonId)), framesIn, framesOut);
    }

    public ConnectionCountsDto ForNode()
    {
        var (framesIn, framesOut) = _traffic.NodeRates();
        return Count(_registry.All, framesIn, framesOut);
    }

    private static ConnectionCountsDto Count(IEnumerable<RealtimeConnection> connections, double framesIn, double framesOut)
    {
        var sockets = connections.ToList();
        var people = sockets.Select(c => c.Participant).Distinct().ToList();
        return new ConnectionCountsDto(
            sockets.Count,
            people.Count(p => p.Type == ParticipantType.User),
            people.Count(p => p.Type == ParticipantType.Customer),
            sockets.GroupBy(c => c.Endpoint).ToDictionary(g => g.Key, g => g.Count()),
            sockets.GroupBy(c => c.Traffic.Dialect).ToDictionary(g => g.Key, g => g.Count()),
            Math.Round(framesIn, 3),
            Math.Round(framesOut, 3));
    }

    private IEnumerable<Measurement<int>> ConnectionGauge() =>
        _registry.All.GroupBy(c => (c.Endpoint, c.Traffic.Dialect)).Select(g => new Measurement<int>(g.Count(),
            new KeyValuePair<string, object?>("endpoint", g.Key.Endpoint), new KeyValuePair<string, object?>("dialect", g.Key.Dialect)));

    private IEnumerable<Measurement<int>> ParticipantGauge() =>
        _registry.All.Select(c => c.Participant).Distinct().GroupBy(p => p.Type).Select(g => new Measurement<int>(g.Count(),
            new KeyValuePair<string, object?>("participant_type", g.Key.ToString().ToLowerInvariant())));
}
