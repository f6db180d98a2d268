using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// Presence across nodes: online if connected to this node or to any other that is alive. Each node tells
/// the bus when a participant's first socket opens there or their last one closes, and every
/// <c>Realtime:NodeTimeoutSeconds</c> / 3 sends its whole list as a heartbeat; a node not heard from for
/// <c>Realtime:NodeTimeoutSeconds</c> (it died without saying goodbye) is forgotten.
/// </summary>
internal sealed class ClusterPresence : BackgroundService, IPresenceTracker
{
    private const int ParticipantsPerItem = 200;

    private readonly InMemoryPresenceTracker _local;
    private readonly ClusterBus _bus;
    private readonly TimeSpan _nodeTimeout;
    private readonly ILogger<ClusterPresence> _logger;
    private readonly ConcurrentDictionary<Guid, RemoteNode> _nodes = new();
    private readonly Channel<PresenceItem> _changes = Channel.CreateBounded<PresenceItem>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private long _round;

    public ClusterPresence(InMemoryPresenceTracker local, ClusterBus bus, IOptions<RealtimeOptions> options, ILogger<ClusterPresence> logger)
    {
        _local = local;
        _bus = bus;
        _logger = logger;
        _nodeTimeout = TimeSpan.FromSeconds(Math.Max(3, options.Value.NodeTimeoutSeconds));
        _local.Changed += (participant, online) =>
        {
            // A full queue loses the change; the next heartbeat carries the truth.
            _changes.Writer.TryWrite(new PresenceItem { Node = NodeId, Online = online, Participants = [participant] });
        };
    }

    /// <summary>This process among the nodes.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    public bool IsOnline(ParticipantRef participant)
    {
        if (_local.IsOnline(participant))
            return true;
        foreach (var node in _nodes.Values)
        {
            if (Stopwatch.GetElapsedTime(node.LastHeard) < _nodeTimeout && node.Has(participant))
                return true;
        }

        return false;
    }

    /// <summary>What another node said (this node's own items come back too, and are ignored).</summary>
    public void Heard(PresenceItem item)
    {
        if (item.Node == NodeId)
            return;
        var node = _nodes.GetOrAdd(item.Node, _ => new RemoteNode());
        node.Apply(item, Stopwatch.GetTimestamp());
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendChangesAsync(stoppingToken), HeartbeatAsync(stoppingToken));

    private async Task SendChangesAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<ClusterItem>();
                while (batch.Count < 500 && _changes.Reader.TryRead(out var change))
                    batch.Add(change);
                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: this is how often to speak, not a business time.
        using var timer = new PeriodicTimer(_nodeTimeout / 3);
        try
        {
            do
            {
                var round = Interlocked.Increment(ref _round);
                var online = _local.Online;
                var parts = online.Count == 0
                    ? [new PresenceItem { Node = NodeId, Round = round, Online = true, Participants = [] }]
                    : online.Chunk(ParticipantsPerItem).Select(part => (ClusterItem)new PresenceItem { Node = NodeId, Round = round, Online = true, Participants = part }).ToList();
                await SendAsync(parts.Cast<ClusterItem>().ToList(), stoppingToken);

                // Forget nodes that stopped speaking.
                foreach (var (id, node) in _nodes)
                {
                    if (Stopwatch.GetElapsedTime(node.LastHeard) >= _nodeTimeout)
                        _nodes.TryRemove(id, out _);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<ClusterItem> items, CancellationToken stoppingToken)
    {
        try
        {
            await _bus.NotifyNowAsync(items, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next heartbeat tells the other nodes the whole list again.
            _logger.LogWarning(ex, "Telling the other nodes who is online here failed");
        }
    }

    /// <summary>Another node's online participants, as last heard.</summary>
    private sealed class RemoteNode
    {
        private readonly object _lock = new();
        private HashSet<ParticipantRef> _online = new();
        private long _round;

        // Real time (a Stopwatch timestamp): whether a node is alive is not a business time.
        public long LastHeard { get; private set; }

        public bool Has(ParticipantRef participant)
        {
            lock (_lock)
                return _online.Contains(participant);
        }

        public void Apply(PresenceItem item, long now)
        {
            lock (_lock)
            {
                LastHeard = now;
                if (item.Round is { } round)
                {
                    // A new heartbeat round replaces the list; its further parts add to it.
                    if (round > _round)
                    {
                        _round = round;
                        _online = new HashSet<ParticipantRef>(item.Participants);
                    }
                    else if (round == _round)
                    {
                        _online.UnionWith(item.Participants);
                    }

                    return;
                }

                foreach (var participant in item.Participants)
                {
                    if (item.Online)
                        _online.Add(participant);
                    else
                        _online.Remove(participant);
                }
            }
        }
    }
}
