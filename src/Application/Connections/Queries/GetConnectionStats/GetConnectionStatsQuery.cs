using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;
using CleanChat.Application.Connections;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Connections.Queries.GetConnectionStats;

/// <summary>
/// A salon admin's view of the live connections: their salon's sockets on this node, and the node's
/// totals only where the operator lets salon admins see them (one business running its own service).
/// </summary>
[Authorize(Callers.SalonAdmin)]
public sealed record GetConnectionStatsQuery : IRequest<ConnectionStatsDto>;

/// <param name="Node">The whole node's counts, or null when the operator keeps them to itself.</param>
public sealed record ConnectionStatsDto(long SalonId, ConnectionCountsDto Salon, ConnectionCountsDto? Node, int WindowSeconds);

/// <summary>Open sockets, who is behind them, how they are spread, and frames per second over the last minute.</summary>
public sealed record ConnectionCountsDto(
    int OpenSockets,
    int StaffOnline,
    int CustomersOnline,
    IReadOnlyDictionary<string, int> SocketsByEndpoint,
    IReadOnlyDictionary<string, int> SocketsByDialect,
    double FramesInPerSecond,
    double FramesOutPerSecond);

internal sealed class GetConnectionStatsQueryHandler : IRequestHandler<GetConnectionStatsQuery, ConnectionStatsDto>
{
    private readonly IConnectionStatistics _statistics;
    private readonly ICurrentCaller _currentCaller;
    private readonly MonitoringOptions _options;

    public GetConnectionStatsQueryHandler(IConnectionStatistics statistics, ICurrentCaller currentCaller, IOptions<MonitoringOptions> options)
    {
        _statistics = statistics;
        _currentCaller = currentCaller;
        _options = options.Value;
    }

    public Task<ConnectionStatsDto> Handle(GetConnectionStatsQuery request, CancellationToken cancellationToken)
    {
        var salonId = _currentCaller.Required().SalonId ?? throw new InvalidOperationException("A salon admin has a salon.");
        var node = _options.ShareNodeTotalsWithSalonAdmins ? _statistics.ForNode() : null;
        return Task.FromResult(new ConnectionStatsDto(salonId, _statistics.ForSalon(salonId), node, _statistics.WindowSeconds));
    }
}
