using CleanChat.Application.Chats.EventHandlers;
using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Application.Messages.EventHandlers;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CleanChat.Application.UnitTests;

public class EventHandlingTests
{
    private readonly IChatNotifier _notifier = Substitute.For<IChatNotifier>();

    [Fact]
    public async Task Participant_added_is_announced_to_the_chat()
    {
        var chat = Saved.Chat(9);

        await new ChatEventHandlers(_notifier).Handle(
            new DomainEventNotification<ParticipantAdded>(new ParticipantAdded(chat, ParticipantRef.User(77), DateTime.UtcNow)), CancellationToken.None);

        await _notifier.Received(1).NotifyAsync(new ParticipantAddedNotification(9, ParticipantRef.User(77)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Read_pointer_moves_are_announced_as_read_receipts()
    {
        var chat = Saved.Chat(9);
        var at = DateTime.UtcNow;

        await new MessageEventHandlers(Substitute.For<IChatReadModel>(), Substitute.For<IParticipantProfiles>(), _notifier).Handle(
            new DomainEventNotification<MessagesRead>(new MessagesRead(chat, Callers.Customer.Participant, 101, at)), CancellationToken.None);

        await _notifier.Received(1).NotifyAsync(new ReadReceiptNotification(9, 101, Callers.Customer.Participant, at), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Deletions_are_announced_without_content()
    {
        var chat = Saved.Chat(9);
        var message = Saved.Message(chat, Callers.Staff.Participant, 101);
        var at = DateTime.UtcNow;

        await new MessageEventHandlers(Substitute.For<IChatReadModel>(), Substitute.For<IParticipantProfiles>(), _notifier).Handle(
            new DomainEventNotification<MessageDeleted>(new MessageDeleted(message, Callers.Staff.Participant, at)), CancellationToken.None);

        await _notifier.Received(1).NotifyAsync(new MessageDeletedNotification(9, 101, at), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Publisher_wraps_each_event_and_a_failing_handler_does_not_stop_the_rest()
    {
        var mediator = Substitute.For<IMediator>();
        var chat = Saved.Chat(9);
        var first = new ChatArchiveStateChanged(chat, true, DateTime.UtcNow);
        var second = new ParticipantRemoved(chat, Callers.Customer.Participant, DateTime.UtcNow);
        mediator.Publish(Arg.Is<INotification>(n => n is DomainEventNotification<ChatArchiveStateChanged>), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("socket gone"));

        await new MediatorDomainEventPublisher(mediator, NullLogger<MediatorDomainEventPublisher>.Instance)
            .PublishAsync(new IDomainEvent[] { first, second }, CancellationToken.None);

        await mediator.Received(1).Publish(Arg.Is<INotification>(n => n is DomainEventNotification<ParticipantRemoved>
            && ((DomainEventNotification<ParticipantRemoved>)n).DomainEvent == second), Arg.Any<CancellationToken>());
    }
}
