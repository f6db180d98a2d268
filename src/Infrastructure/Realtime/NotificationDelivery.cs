using CleanChat.Application.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Fans a notification out to the sockets of its audience. The notification is encoded once per protocol
/// codec among the recipients, not once per socket, and queuing a frame never waits, so one slow client
/// cannot hold up a sender or the other recipients.
/// </summary>
public sealed class NotificationDelivery
{
    private readonly ConnectionRegistry _registry;
    private readonly IDeliveryRecorder _deliveries;

    public NotificationDelivery(ConnectionRegistry registry, IDeliveryRecorder deliveries)
    {
        _registry = registry;
        _deliveries = deliveries;
    }

    /// <param name="notification">What to tell.</param>
    /// <param name="originConnectionId">The socket whose frame caused it, left out where the audience says so.</param>
    public void Deliver(ChatNotification notification, Guid? originConnectionId)
    {
        var frames = new FramesByCodec(notification);
        switch (notification.Audience)
        {
            case NotificationAudience.Followers followers:
                ToFollowers(notification, frames, followers.ExceptOrigin ? originConnectionId : null);
                break;

            case NotificationAudience.OwnSockets own:
                foreach (var connection in _registry.ConnectionsOf(own.Participant))
                {
                    if (connection.HasJoined(notification.ChatId))
                        Send(connection, frames.For(connection));
                }

                break;

            case NotificationAudience.SalonStaff staff:
                foreach (var connection in _registry.All)
                {
                    if (connection.Caller.IsStaff && connection.Caller.SalonId == staff.SalonId)
                        Send(connection, frames.For(connection));
                }

                break;

            case NotificationAudience.FollowersAnd followersAnd:
                ToFollowers(notification, frames, except: null);
                foreach (var participant in followersAnd.Participants)
                {
                    // Sockets that follow the chat had the frame already.
                    foreach (var connection in _registry.ConnectionsOf(participant))
                    {
                        if (!connection.HasJoined(notification.ChatId))
                            Send(connection, frames.For(connection));
                    }
                }

                break;
        }

        if (notification.StopsFollowing is { } leaving)
            StopFollowing(notification.ChatId, leaving);
        if (notification.StartsFollowing is { } arriving)
            StartFollowing(notification.ChatId, arriving);
    }

    private void ToFollowers(ChatNotification notification, FramesByCodec frames, Guid? except)
    {
        // A new message handed to a recipient's socket has reached that recipient (its sender's own sockets
        // take it as the acknowledgement, which reaches nobody new).
        var posted = (notification as MessagePostedNotification)?.Message;
        var sender = notification.Actor;
        foreach (var connection in _registry.SubscribersOf(notification.ChatId))
        {
            if (connection.Id == except)
                continue;
            var frame = frames.For(connection);
            if (frame.IsEmpty)
                continue;
            if (connection.TrySendChatFrame(notification.ChatId, notification.Seq, frame) && posted is not null && connection.Participant != sender)
                _deliveries.Delivered(notification.ChatId, connection.Participant, posted.Id);
        }
    }

    private void StartFollowing(long chatId, ParticipantRef participant)
    {
        foreach (var connection in _registry.ConnectionsOf(participant))
        {
            if (connection.Codec.CustomersFollowTheirStays)
                _registry.Join(connection, chatId);
        }
    }

    private void StopFollowing(long chatId, ParticipantRef participant)
    {
        foreach (var connection in _registry.ConnectionsOf(participant))
        {
            if (_registry.Leave(connection, chatId))
                Deliver(new ParticipantLeftChatNotification(chatId, participant), connection.Id);
        }
    }

    // A protocol with nothing to say about the notification gives no frame.
    private static void Send(RealtimeConnection connection, ReadOnlyMemory<byte> frame)
    {
        if (!frame.IsEmpty)
            connection.TrySend(frame);
    }

    /// <summary>
    /// A notification's bytes per codec (and, for codecs that tell the actor apart, per side), encoded the
    /// first time a recipient needing them comes up.
    /// </summary>
    private sealed class FramesByCodec(ChatNotification notification)
    {
        private IRealtimeCodec? _firstCodec;
        private ReadOnlyMemory<byte> _firstFrame;
        private Dictionary<(IRealtimeCodec Codec, bool ToActor), ReadOnlyMemory<byte>>? _others;

        public ReadOnlyMemory<byte> For(RealtimeConnection connection)
        {
            var codec = connection.Codec;
            if (codec.SetsOwnFrames)
                return Other(codec, toActor: connection.Participant == notification.Actor);

            if (_firstCodec is null)
            {
                _firstCodec = codec;
                _firstFrame = codec.Encode(notification, toActor: false);
            }

            return ReferenceEquals(codec, _firstCodec) ? _firstFrame : Other(codec, toActor: false);
        }

        private ReadOnlyMemory<byte> Other(IRealtimeCodec codec, bool toActor)
        {
            _others ??= new Dictionary<(IRealtimeCodec, bool), ReadOnlyMemory<byte>>(OthersComparer.Instance);
            if (!_others.TryGetValue((codec, toActor), out var frame))
                _others[(codec, toActor)] = frame = codec.Encode(notification, toActor);
            return frame;
        }
    }

    private sealed class OthersComparer : IEqualityComparer<(IRealtimeCodec Codec, bool ToActor)>
    {
        public static OthersComparer Instance { get; } = new();

        public bool Equals((IRealtimeCodec Codec, bool ToActor) x, (IRealtimeCodec Codec, bool ToActor) y) =>
            ReferenceEquals(x.Codec, y.Codec) && x.ToActor == y.ToActor;

        public int GetHashCode((IRealtimeCodec Codec, bool ToActor) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Codec), key.ToActor);
    }
}
