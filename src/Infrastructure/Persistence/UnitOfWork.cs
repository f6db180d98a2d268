using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence.Caching;
using CleanChat.Infrastructure.Persistence.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Commits a request's changes, then hands the events its aggregates raised to the publisher (message
/// events to the commit-ordered dispatcher, so they keep their order with sends). Events go out only
/// after the commit, so nobody is ever told about a message that failed to save.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private const int SqliteConstraintError = 19;

    private readonly ChatDbContext _db;
    private readonly IDomainEventPublisher _publisher;
    private readonly SqliteWriteGate _writeGate;
    private readonly ChatDirectory _chatDirectory;
    private readonly CommitOrderedEventDispatcher _orderedEvents;

    public UnitOfWork(ChatDbContext db, IDomainEventPublisher publisher, SqliteWriteGate writeGate, ChatDirectory chatDirectory, CommitOrderedEventDispatcher orderedEvents)
    {
        _orderedEvents = orderedEvents;
        _db = db;
        _publisher = publisher;
        _writeGate = writeGate;
        _chatDirectory = chatDirectory;
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var withEvents = _db.ChangeTracker.Entries<IHasDomainEvents>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        var events = withEvents.SelectMany(e => e.DomainEvents).OrderBy(e => e.OccurredAt).ToList();
        var changedChats = ChangedChats();

        try
        {
            using (await _writeGate.EnterAsync(cancellationToken))
            {
                await _db.SaveChangesAsync(cancellationToken);

                // Message events join the commit-ordered stream while no other commit can come between.
                foreach (var domainEvent in events)
                {
                    if (CommitOrderedEventDispatcher.OrderedChatOf(domainEvent) is { } chatId)
                        await _orderedEvents.EnqueueAsync(chatId, domainEvent);
                }
            }
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError } sqlite
            && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            // Two requests raced past the same uniqueness check; the database kept one.
            throw new ConflictException("duplicate", "This already exists.");
        }
        finally
        {
            // Even a failed commit may leave a cached snapshot suspect: drop it, the next read reloads.
            foreach (var chat in changedChats)
                _chatDirectory.Invalidate(chat());
        }

        foreach (var entity in withEvents)
            entity.ClearDomainEvents();

        var immediate = events.Where(e => CommitOrderedEventDispatcher.OrderedChatOf(e) is null).ToList();
        if (immediate.Count > 0)
            await _publisher.PublishAsync(immediate, cancellationToken);
    }

    // Read after the commit, when a new member's chat id is certainly set.
    private List<Func<long>> ChangedChats() =>
        _db.ChangeTracker.Entries()
            .Where(e => e.State != EntityState.Unchanged)
            .Select(e => e.Entity switch
            {
                Chat chat => () => chat.Id,
                ChatParticipant participant => () => participant.ChatId,
                _ => (Func<long>?)null,
            })
            .OfType<Func<long>>()
            .ToList();
}
