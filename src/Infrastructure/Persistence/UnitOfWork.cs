using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence.Caching;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Realtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Commits a request's changes and hands the events its aggregates raised to the commit-ordered
/// dispatcher, so they keep their order with sends. Events go out only after the commit, so nobody is
/// ever told about a change that failed to save.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private const int SqliteConstraintError = 19;

    private readonly ChatDbContext _db;
    private readonly RealtimeFrameContext _origin;
    private readonly SqliteWriteGate _writeGate;
    private readonly ChatDirectory _chatDirectory;
    private readonly CommitOrderedEventDispatcher _orderedEvents;

    public UnitOfWork(ChatDbContext db, RealtimeFrameContext origin, SqliteWriteGate writeGate, ChatDirectory chatDirectory, CommitOrderedEventDispatcher orderedEvents)
    {
        _orderedEvents = orderedEvents;
        _db = db;
        _origin = origin;
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

                // Events join the commit-ordered stream while no other commit can come between.
                foreach (var domainEvent in events)
                    await _orderedEvents.EnqueueAsync(domainEvent, _origin.OriginConnectionId);
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
