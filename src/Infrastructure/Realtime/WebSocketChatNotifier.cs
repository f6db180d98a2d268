using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Delivers chat events to the sockets that follow the chat. Each event is serialised once; queuing a
/// frame never waits, so one slow client cannot hold up a sender or the other recipients.
/// </summary>
internal sealed class WebSocketChatNotifier : IChatNotifier
{
    private readonly ConnectionRegistry _registry;
    private readonly RealtimeFrameContext _frameContext;

    public WebSocketChatNotifier(ConnectionRegistry registry, RealtimeFrameContext frameContext)
    {
        _registry = registry;
        _frameContext = frameContext;
    }

    public Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        switch (notification)
        {
            case MessagePostedNotification posted:
                ToChat(posted.ChatId, ServerFrames.Message(posted.Message), seq: posted.Message.Seq);
                break;
            case MessageRepeatedNotification repeated:
                ToOwnSocketsInChat(repeated.ChatId, repeated.Sender, ServerFrames.Message(repeated.Message));
                break;
            case MessageEditedNotification edited:
                ToChat(edited.ChatId, ServerFrames.MessageUpdated(edited.Message));
                break;
            case MessageDeletedNotification deleted:
                ToChat(deleted.ChatId, ServerFrames.MessageDeleted(deleted.ChatId, deleted.MessageId, deleted.DeletedAt));
                break;

            // Typing and read receipts are for the others: the socket they came from already knows.
            case TypingNotification typing:
                ToChat(typing.ChatId, ServerFrames.Typing(typing.ChatId, typing.Participant, typing.IsTyping), _frameContext.OriginConnectionId);
                break;
            case ReadReceiptNotification read:
                ToChat(read.ChatId, ServerFrames.ReadReceipt(read.ChatId, read.MessageId, read.Reader, read.ReadAt), _frameContext.OriginConnectionId);
                break;

            // New chats and new members: nobody follows the chat yet, so tell the people concerned wherever they are connected.
            case ChatCreatedNotification created:
                ToParticipants(created.ChatId, created.Participants, ServerFrames.ChatCreated(created.ChatId));
                break;
            case ParticipantAddedNotification added:
                var addedFrame = ServerFrames.ParticipantAdded(added.ChatId, added.Participant);
                ToChat(added.ChatId, addedFrame);
                ToParticipants(added.ChatId, new[] { added.Participant }, addedFrame);
                break;
            case ParticipantRemovedNotification removed:
                RemoveFromChat(removed.ChatId, removed.Participant);
                break;
            case ChatArchiveStateChangedNotification archived:
                ToChat(archived.ChatId, ServerFrames.ChatArchiveState(archived.ChatId, archived.IsArchived));
                break;
        }

        return Task.CompletedTask;
    }

    private void ToChat(long chatId, ReadOnlyMemory<byte> frame, Guid? except = null, long? seq = null)
    {
        foreach (var connection in _registry.SubscribersOf(chatId))
        {
            if (connection.Id != except)
                connection.TrySendChatFrame(chatId, seq, frame);
        }
    }

    private void ToOwnSocketsInChat(long chatId, ParticipantRef participant, ReadOnlyMemory<byte> frame)
    {
        foreach (var connection in _registry.ConnectionsOf(participant))
        {
            if (connection.HasJoined(chatId))
                connection.TrySend(frame);
        }
    }

    // Skips sockets that follow the chat: they had the frame from ToChat already.
    private void ToParticipants(long chatId, IEnumerable<ParticipantRef> participants, ReadOnlyMemory<byte> frame)
    {
        foreach (var participant in participants)
        {
            foreach (var connection in _registry.ConnectionsOf(participant))
            {
                if (!connection.HasJoined(chatId))
                    connection.TrySend(frame);
            }
        }
    }

    // A removed participant must stop receiving the chat at once: tell everyone, then unsubscribe their sockets.
    private void RemoveFromChat(long chatId, ParticipantRef participant)
    {
        var frame = ServerFrames.ParticipantRemoved(chatId, participant);
        ToChat(chatId, frame);
        ToParticipants(chatId, new[] { participant }, frame);
        foreach (var connection in _registry.ConnectionsOf(participant))
        {
            if (_registry.Leave(connection, chatId))
                ToChat(chatId, ServerFrames.UserLeft(chatId, participant));
        }
    }
}
