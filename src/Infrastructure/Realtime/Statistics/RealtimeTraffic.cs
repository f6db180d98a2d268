using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CleanChat.Application.Common.Security;
using CleanChat.Infrastructure.Realtime.Protocol;

namespace CleanChat.Infrastructure.Realtime.Statistics;

/// <summary>
/// Counts socket frames as they pass: for the metrics (by dialect, no ids: bounded label sets) and for
/// the last minute's rates of the whole node and of each salon. A frame costs one counter add and one
/// bucket add per window it falls in.
/// </summary>
public sealed class RealtimeTraffic
{
    public const string MeterName = "CleanChat.Realtime";

    private readonly TimeProvider _time;
    private readonly FrameRateWindow _node = new();
    private readonly ConcurrentDictionary<long, FrameRateWindow> _salons = new();
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;

    public RealtimeTraffic(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("cleanchat.realtime.frames.received", "{frame}", "Text frames read from client sockets.");
        _sent = meter.CreateCounter<long>("cleanchat.realtime.frames.sent", "{frame}", "Frames written to client sockets.");
        Meter = meter;
    }

    /// <summary>The meter the connection gauges are created on too.</summary>
    public Meter Meter { get; }

    /// <summary>A new socket's counters: the caller's salon from the start (staff), others as its chats show.</summary>
    public ConnectionTraffic For(Caller caller, IRealtimeCodec codec) => new(this, codec.Dialect, caller.SalonId);

    /// <summary>The node's rates and the salon's, over the last minute.</summary>
    public (double In, double Out) NodeRates() => _node.RatesAt(CurrentSecond());

    public (double In, double Out) SalonRates(long salonId) =>
        _salons.TryGetValue(salonId, out var window) ? window.RatesAt(CurrentSecond()) : (0, 0);

    internal FrameRateWindow SalonWindow(long salonId) => _salons.GetOrAdd(salonId, static _ => new FrameRateWindow());

    internal void Count(string dialect, IReadOnlyList<FrameRateWindow> salons, int framesIn, int framesOut)
    {
        var second = CurrentSecond();
        _node.Add(second, framesIn, framesOut);
        foreach (var salon in salons)
            salon.Add(second, framesIn, framesOut);

        var tag = new KeyValuePair<string, object?>("dialect", dialect);
        if (framesIn > 0)
            _received.Add(framesIn, tag);
        if (framesOut > 0)
            _sent.Add(framesOut, tag);
    }

    private long CurrentSecond() => _time.GetUtcNow().ToUnixTimeSeconds();
}

/// <summary>One socket's share of the traffic counts: which salons its frames count for.</summary>
public sealed class ConnectionTraffic
{
    private readonly RealtimeTraffic _traffic;
    private readonly object _joinLock = new();
    private FrameRateWindow[] _salons;
    private long[] _salonIds;

    internal ConnectionTraffic(RealtimeTraffic traffic, string dialect, long? salonId)
    {
        _traffic = traffic;
        Dialect = dialect;
        _salonIds = salonId is { } id ? [id] : [];
        _salons = salonId is { } salon ? [traffic.SalonWindow(salon)] : [];
    }

    public string Dialect { get; }

    /// <summary>The salons this socket counts for: its staff owner's, or those of the chats its customer joined.</summary>
    public IReadOnlyList<long> SalonIds => Volatile.Read(ref _salonIds);

    /// <summary>Counts the socket for the salon of a chat it joined, from now on.</summary>
    public void JoinedChatOf(long? salonId)
    {
        if (salonId is not { } id)
            return;

        lock (_joinLock)
        {
            if (Array.IndexOf(_salonIds, id) >= 0)
                return;
            Volatile.Write(ref _salons, [.. _salons, _traffic.SalonWindow(id)]);
            Volatile.Write(ref _salonIds, [.. _salonIds, id]);
        }
    }

    public void Received() => _traffic.Count(Dialect, Volatile.Read(ref _salons), 1, 0);

    public void Sent() => _traffic.Count(Dialect, Volatile.Read(ref _salons), 0, 1);
}
