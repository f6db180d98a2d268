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
                        connection.TrySend(frames.For(connection.Codec));
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
                            connection.TrySend(frames.For(connection.Codec));
                    }
                }

                break;
        }

        if (notification.StopsFollowing is { } leaving)
            StopFollowing(notification.ChatId, leaving);
    }

    private void ToFollowers(ChatNotification notification, FramesByCodec frames, Guid? except)
    {
        // A new message handed to a recipient's socket has reached that recipient (its sender's own sockets
        // take it as the acknowledgement, which reaches nobody new).
        var posted = (notification as MessagePostedNotification)?.Message;
        var sender = posted is null ? default : new ParticipantRef(posted.SenderType, posted.SenderUserId ?? posted.SenderCustomerId ?? 0);
        foreach (var connection in _registry.SubscribersOf(notification.ChatId))
        {
            if (connection.Id == except)
                continue;
            if (connection.TrySendChatFrame(notification.ChatId, notification.Seq, frames.For(connection.Codec)) && posted is not null && connection.Participant != sender)
                _deliveries.Delivered(notification.ChatId, connection.Participant, posted.Id);
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

    /// <summary>A notification's bytes per codec, encoded the first time a recipient speaking that codec comes up.</summary>
    private sealed class FramesByCodec(ChatNotification notification)
    {
        private IRealtimeCodec? _firstCodec;
        private ReadOnlyMemory<byte> _firstFrame;
        private Dictionary<IRealtimeCodec, ReadOnlyMemory<byte>>? _others;

        public ReadOnlyMemory<byte> For(IRealtimeCodec codec)
        {
            if (_firstCodec is null)
            {
                _firstCodec = codec;
                _firstFrame = codec.Encode(notification);
            }

            if (ReferenceEquals(codec, _firstCodec))
                return _firstFrame;

            _others ??= new Dictionary<IRealtimeCodec, ReadOnlyMemory<byte>>(ReferenceEqualityComparer.Instance);
            if (!_others.TryGetValue(codec, out var frame))
                _others[codec] = frame = codec.Encode(notification);
            return frame;
        }
    }
}
