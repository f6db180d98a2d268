using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Chats.Events;
using MediatR;

namespace CleanChat.Application.Messages.EventHandlers;

/// <summary>Announces committed message changes to connected clients, in the shape history uses.</summary>
internal sealed class MessageEventHandlers :
    INotificationHandler<DomainEventNotification<MessageSent>>,
    INotificationHandler<DomainEventNotification<MessageEdited>>,
    INotificationHandler<DomainEventNotification<MessageDeleted>>,
    INotificationHandler<DomainEventNotification<MessagesRead>>
{
    private readonly IChatReadModel _read;
    private readonly IParticipantProfiles _profiles;
    private readonly IChatNotifier _notifier;

    public MessageEventHandlers(IChatReadModel read, IParticipantProfiles profiles, IChatNotifier notifier)
    {
        _read = read;
        _profiles = profiles;
        _notifier = notifier;
    }

    public async Task Handle(DomainEventNotification<MessageSent> notification, CancellationToken cancellationToken)
    {
        var sent = notification.DomainEvent.Message;
        var sender = await _profiles.GetAsync(sent.Sender, cancellationToken);
        var message = MessageMapper.ToDto(sent, sender?.Name);
        await _notifier.NotifyAsync(new MessagePostedNotification(message) { SenderProfile = sender }, cancellationToken);
    }

    public async Task Handle(DomainEventNotification<MessageEdited> notification, CancellationToken cancellationToken)
    {
        if (await MessageProjection.FindAsync(_read, notification.DomainEvent.Message.Id, cancellationToken) is { } message)
            await _notifier.NotifyAsync(new MessageEditedNotification(message), cancellationToken);
    }

    public Task Handle(DomainEventNotification<MessageDeleted> notification, CancellationToken cancellationToken)
    {
        var message = notification.DomainEvent.Message;
        return _notifier.NotifyAsync(new MessageDeletedNotification(message.ChatId, message.Id, notification.DomainEvent.OccurredAt), cancellationToken);
    }

    public Task Handle(DomainEventNotification<MessagesRead> notification, CancellationToken cancellationToken)
    {
        var e = notification.DomainEvent;
        return _notifier.NotifyAsync(new ReadReceiptNotification(e.Chat.Id, e.UpToMessageId, e.Reader, e.OccurredAt), cancellationToken);
    }
}
