using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Chats.Events;
using MediatR;

namespace CleanChat.Application.Chats.EventHandlers;

/// <summary>Announces committed changes of a chat's membership and state to connected clients.</summary>
internal sealed class ChatEventHandlers :
    INotificationHandler<DomainEventNotification<ChatCreated>>,
    INotificationHandler<DomainEventNotification<ParticipantAdded>>,
    INotificationHandler<DomainEventNotification<ParticipantRemoved>>,
    INotificationHandler<DomainEventNotification<ChatArchiveStateChanged>>
{
    private readonly IChatNotifier _notifier;

    public ChatEventHandlers(IChatNotifier notifier) => _notifier = notifier;

    public Task Handle(DomainEventNotification<ChatCreated> notification, CancellationToken cancellationToken)
    {
        var chat = notification.DomainEvent.Chat;
        var participants = chat.Participants.Select(p => p.Participant).ToList();
        return _notifier.NotifyAsync(new ChatCreatedNotification(chat.Id, participants), cancellationToken);
    }

    public Task Handle(DomainEventNotification<ParticipantAdded> notification, CancellationToken cancellationToken) =>
        _notifier.NotifyAsync(new ParticipantAddedNotification(notification.DomainEvent.Chat.Id, notification.DomainEvent.Participant), cancellationToken);

    public Task Handle(DomainEventNotification<ParticipantRemoved> notification, CancellationToken cancellationToken) =>
        _notifier.NotifyAsync(new ParticipantRemovedNotification(notification.DomainEvent.Chat.Id, notification.DomainEvent.Participant), cancellationToken);

    public Task Handle(DomainEventNotification<ChatArchiveStateChanged> notification, CancellationToken cancellationToken) =>
        _notifier.NotifyAsync(new ChatArchiveStateChangedNotification(notification.DomainEvent.Chat.Id, notification.DomainEvent.IsArchived), cancellationToken);
}
