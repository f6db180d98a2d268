using System.Collections.Concurrent;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime;

public enum RegistrationResult
{
    Registered,
    ServerFull,
    TooManyForParticipant,
}

/// <summary>
/// Every open connection, indexed by participant and by the chats it follows. Membership changes of a
/// chat are serialised on that chat, so "first socket of a participant joined" and "last socket left" are exact.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, RealtimeConnection> _connections = new();
    private readonly ConcurrentDictionary<ParticipantRef, ConcurrentDictionary<Guid, RealtimeConnection>> _byParticipant = new();
    private readonly ConcurrentDictionary<long, ChatSubscribers> _byChat = new();
    private readonly InMemoryPresenceTracker _presence;
    private readonly object _registration = new();

    public ConnectionRegistry(InMemoryPresenceTracker presence) => _presence = presence;

    public int Count => _connections.Count;

    public IEnumerable<RealtimeConnection> All => _connections.Values;

    public RegistrationResult TryRegister(RealtimeConnection connection, int maxConnections, int maxPerParticipant)
    {
        lock (_registration)
        {
            if (_connections.Count >= maxConnections)
                return RegistrationResult.ServerFull;

            var own = _byParticipant.GetOrAdd(connection.Participant, _ => new ConcurrentDictionary<Guid, RealtimeConnection>());
            if (own.Count >= maxPerParticipant)
                return RegistrationResult.TooManyForParticipant;

            own[connection.Id] = connection;
            _connections[connection.Id] = connection;
        }

        _presence.Connected(connection.Participant);
        return RegistrationResult.Registered;
    }

    /// <summary>Removes the connection; returns the chats its participant no longer follows from any socket.</summary>
    public IReadOnlyList<long> Unregister(RealtimeConnection connection)
    {
        if (!_connections.TryRemove(connection.Id, out _))
            return Array.Empty<long>();

        var left = connection.JoinedChats.Where(chatId => Leave(connection, chatId)).ToList();
        lock (_registration)
        {
            if (_byParticipant.TryGetValue(connection.Participant, out var own) && own.TryRemove(connection.Id, out _) && own.IsEmpty)
                _byParticipant.TryRemove(KeyValuePair.Create(connection.Participant, own));
        }

        _presence.Disconnected(connection.Participant);
        return left;
    }

    /// <summary>Follows a chat; returns true when this is the participant's first socket in it.</summary>
    public bool Join(RealtimeConnection connection, long chatId)
    {
        while (true)
        {
            var subscribers = _byChat.GetOrAdd(chatId, _ => new ChatSubscribers());
            lock (subscribers)
            {
                // A concurrent Leave may have dropped this (then empty) set from the index: use the current one.
                if (subscribers.Retired)
                    continue;
                if (!connection.MarkJoined(chatId))
                    return false;

                var members = subscribers.Members;
                var first = !members.Any(c => c.Participant == connection.Participant);
                subscribers.Members = [.. members, connection];
                return first;
            }
        }
    }

    /// <summary>Stops following a chat; returns true when no socket of the participant follows it any more.</summary>
    public bool Leave(RealtimeConnection connection, long chatId)
    {
        if (!_byChat.TryGetValue(chatId, out var subscribers))
            return false;

        lock (subscribers)
        {
            if (!connection.MarkLeft(chatId) || Array.IndexOf(subscribers.Members, connection) < 0)
                return false;

            var members = subscribers.Members.Where(c => c != connection).ToArray();
            subscribers.Members = members;
            if (members.Length == 0)
            {
                subscribers.Retired = true;
                _byChat.TryRemove(KeyValuePair.Create(chatId, subscribers));
            }

            return !members.Any(c => c.Participant == connection.Participant);
        }
    }

    /// <summary>The sockets following a chat right now: a snapshot, read without locking or copying on every message.</summary>
    public IReadOnlyList<RealtimeConnection> SubscribersOf(long chatId) =>
        _byChat.TryGetValue(chatId, out var subscribers) ? subscribers.Members : Array.Empty<RealtimeConnection>();

    public ICollection<RealtimeConnection> ConnectionsOf(ParticipantRef participant) =>
        _byParticipant.TryGetValue(participant, out var own) ? own.Values : Array.Empty<RealtimeConnection>();

    /// <summary>
    /// A chat's followers as an array replaced on every join and leave (rare) and read by every broadcast
    /// (constant): readers take the current array and never see it change under them.
    /// </summary>
    private sealed class ChatSubscribers
    {
        private RealtimeConnection[] _members = Array.Empty<RealtimeConnection>();

        public RealtimeConnection[] Members
        {
            get => Volatile.Read(ref _members);
            set => Volatile.Write(ref _members, value);
        }

        /// <summary>Emptied and removed from the index; a join that raced the removal must start again.</summary>
        public bool Retired { get; set; }
    }
}
