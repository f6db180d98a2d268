using System.Collections.Concurrent;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Counts open real-time connections per participant: online while at least one is open.
/// The real-time transport reports connections here; until one is connected, nobody is online.
/// </summary>
public sealed class InMemoryPresenceTracker : IPresenceTracker
{
    private readonly ConcurrentDictionary<ParticipantRef, int> _connections = new();

    /// <summary>A participant's first connection opened (true) or last one closed (false), on this node.</summary>
    public event Action<ParticipantRef, bool>? Changed;

    /// <summary>Everyone with an open connection on this node.</summary>
    public IReadOnlyList<ParticipantRef> Online => _connections.Keys.ToList();

    public bool IsOnline(ParticipantRef participant) => _connections.TryGetValue(participant, out var count) && count > 0;

    /// <summary>Returns true when this is the participant's first open connection.</summary>
    public bool Connected(ParticipantRef participant)
    {
        var first = _connections.AddOrUpdate(participant, 1, (_, count) => count + 1) == 1;
        if (first)
            Changed?.Invoke(participant, true);
        return first;
    }

    /// <summary>Returns true when the participant's last connection closed.</summary>
    public bool Disconnected(ParticipantRef participant)
    {
        while (_connections.TryGetValue(participant, out var count))
        {
            if (count <= 1)
            {
                if (_connections.TryRemove(KeyValuePair.Create(participant, count)))
                {
                    Changed?.Invoke(participant, false);
                    return true;
                }
            }
            else if (_connections.TryUpdate(participant, count - 1, count))
            {
                return false;
            }
        }

        return false;
    }
}
