using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>Hands new messages to the group-commit writer, then publishes their events, as UnitOfWork does for the rest.</summary>
internal sealed class MessageStore : IMessageStore
{
    private readonly MessageWriter _writer;
    private readonly IDomainEventPublisher _publisher;

    public MessageStore(MessageWriter writer, IDomainEventPublisher publisher)
    {
        _writer = writer;
        _publisher = publisher;
    }

    public async Task<MessageAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        var events = message.DomainEvents.ToList();
        var written = await _writer.WriteAsync(message, cancellationToken);
        message.ClearDomainEvents();
        if (written.IsDuplicate)
            return new MessageAppendResult(written.Id, IsDuplicate: true);

        message.RecordStored(written.Id, written.Seq);

        // Committed: announce it even if the sender has gone meanwhile, or the others would never hear of it.
        await _publisher.PublishAsync(events, CancellationToken.None);
        return new MessageAppendResult(written.Id, IsDuplicate: false);
    }
}
