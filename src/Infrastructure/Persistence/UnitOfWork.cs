using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Commits a request's changes, then hands the events its aggregates raised to the publisher. Events go
/// out only after the commit, so nobody is ever told about a message that failed to save.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private const int SqliteConstraintError = 19;

    private readonly ChatDbContext _db;
    private readonly IDomainEventPublisher _publisher;
    private readonly SqliteWriteGate _writeGate;

    public UnitOfWork(ChatDbContext db, IDomainEventPublisher publisher, SqliteWriteGate writeGate)
    {
        _db = db;
        _publisher = publisher;
        _writeGate = writeGate;
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var withEvents = _db.ChangeTracker.Entries<IHasDomainEvents>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        var events = withEvents.SelectMany(e => e.DomainEvents).OrderBy(e => e.OccurredAt).ToList();

        try
        {
            using (await _writeGate.EnterAsync(cancellationToken))
                await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError } sqlite
            && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            // Two requests raced past the same uniqueness check; the database kept one.
            throw new ConflictException("duplicate", "This already exists.");
        }

        foreach (var entity in withEvents)
            entity.ClearDomainEvents();

        if (events.Count > 0)
            await _publisher.PublishAsync(events, cancellationToken);
    }
}
