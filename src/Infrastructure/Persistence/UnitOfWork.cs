using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence.Caching;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Commits a request's changes and hands the events its aggregates raised to the commit-ordered
/// dispatcher, so they keep their order with sends. Events go out only after the commit, so nobody is
/// ever told about a change that failed to save.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly ChatDbContext _db;
    private readonly RealtimeFrameContext _origin;
    private readonly WriteGate _writeGate;
    private readonly ChatDirectory _chatDirectory;
    private readonly ParticipantProfiles _profiles;
    private readonly IEventRoute _events;

    public UnitOfWork(ChatDbContext db, RealtimeFrameContext origin, WriteGate writeGate, ChatDirectory chatDirectory, ParticipantProfiles profiles,
        IEventRoute events)
    {
        _profiles = profiles;
        _events = events;
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
        var changedAccounts = ChangedAccounts();

        try
        {
            using (await _writeGate.EnterAsync(cancellationToken))
            {
                if (_events.CarriedByCommit)
                    await SaveCarryingEventsAsync(events, changedAccounts, cancellationToken);
                else
                    await _db.SaveChangesAsync(cancellationToken);

                // Events join the commit-ordered stream while no other commit can come between.
                foreach (var domainEvent in events)
                    await _events.CommittedAsync(domainEvent, _origin.OriginConnectionId);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // A row changed (or went) between this request's read and its write: a concurrency token said so.
            throw new ConflictException("concurrent_change", "Someone changed this at the same time; try again.");
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex.InnerException))
        {
            // Two requests raced past the same uniqueness check; the database kept one.
            throw new ConflictException("duplicate", "This already exists.");
        }
        finally
        {
            // Even a failed commit may leave a cached snapshot suspect: drop it, the next read reloads.
            foreach (var chat in changedChats)
                _chatDirectory.Invalidate(chat());
            foreach (var account in changedAccounts)
                _profiles.Invalidate(account);
        }

        foreach (var entity in withEvents)
            entity.ClearDomainEvents();
    }

    // The events (and the accounts whose profiles other nodes must drop) go out inside the transaction,
    // after the writes have given new rows their ids.
    private async Task SaveCarryingEventsAsync(List<IDomainEvent> events, List<ParticipantRef> changedAccounts, CancellationToken cancellationToken)
    {
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        await _db.SaveChangesAsync(cancellationToken);
        await _events.CarryAsync(_db.Database.GetDbConnection(), events.Select(e => (e, _origin.OriginConnectionId)).ToList(), changedAccounts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Accounts that existed before this commit and changed in it (a guest signing up to the account their
    // hotel made): the profile a message shows is read again. New accounts have no cached profile yet.
    private List<ParticipantRef> ChangedAccounts() =>
        _db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => e.Entity switch
            {
                Domain.Accounts.Customer customer => customer.AsParticipant,
                Domain.Accounts.StaffUser user => user.AsParticipant,
                _ => (ParticipantRef?)null,
            })
            .OfType<ParticipantRef>()
            .ToList();

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
