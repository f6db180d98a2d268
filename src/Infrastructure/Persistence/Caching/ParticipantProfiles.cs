using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Caching;

/// <summary>
/// Participants' profiles, cached: every message frame shows its sender. A profile (name, sign-in name,
/// e-mail, job title) rarely changes (a guest signing up to the account their hotel made names it anew);
/// the unit of work drops a changed account's profile when it commits.
/// </summary>
internal sealed class ParticipantProfiles : IParticipantProfiles
{
    private readonly IServiceScopeFactory _scopes;
    private readonly InvalidatingCache<ParticipantRef, ParticipantProfile> _cache;

    public ParticipantProfiles(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options)
    {
        _scopes = scopes;
        _cache = new InvalidatingCache<ParticipantRef, ParticipantProfile>(options.Value.CachedNames);
    }

    public void Invalidate(ParticipantRef participant) => _cache.Invalidate(participant);

    public void InvalidateAll() => _cache.InvalidateAll();

    public ValueTask<ParticipantProfile?> GetAsync(ParticipantRef participant, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(participant, LoadAsync, cancellationToken);

    public async Task<IReadOnlyDictionary<ParticipantRef, ParticipantProfile>> GetManyAsync(IReadOnlyCollection<ParticipantRef> participants, CancellationToken cancellationToken)
    {
        var found = new Dictionary<ParticipantRef, ParticipantProfile>();
        var missing = new List<ParticipantRef>();
        foreach (var participant in participants.Distinct())
        {
            if (_cache.TryGet(participant, out var cached) && cached is not null)
                found[participant] = cached;
            else
                missing.Add(participant);
        }

        if (missing.Count == 0)
            return found;

        foreach (var loaded in await LoadManyAsync(missing, cancellationToken))
        {
            // Stored through the cache's own path, which drops it again if an invalidation raced the load.
            found[loaded.Participant] = loaded;
            await _cache.GetOrLoadAsync(loaded.Participant, (_, _) => Task.FromResult<ParticipantProfile?>(loaded), cancellationToken);
        }

        return found;
    }

    private async Task<List<ParticipantProfile>> LoadManyAsync(List<ParticipantRef> participants, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var staffIds = participants.Where(p => p.Type == ParticipantType.User).Select(p => p.Id).ToList();
        var customerIds = participants.Where(p => p.Type == ParticipantType.Customer).Select(p => p.Id).ToList();
        var profiles = new List<ParticipantProfile>();
        if (staffIds.Count > 0)
        {
            var staff = await db.StaffUsers.AsNoTracking().Where(u => staffIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.JobTitle }).ToListAsync(cancellationToken);
            profiles.AddRange(staff.Select(u => new ParticipantProfile(ParticipantRef.User(u.Id), u.DisplayName, u.Email, u.Email, u.JobTitle)));
        }

        if (customerIds.Count > 0)
        {
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
                .Select(c => new { c.Id, c.DisplayName, c.PhoneNumber, c.Email }).ToListAsync(cancellationToken);
            profiles.AddRange(customers.Select(c => new ParticipantProfile(ParticipantRef.Customer(c.Id), c.DisplayName ?? c.PhoneNumber, c.PhoneNumber, c.Email, null)));
        }

        return profiles;
    }

    private async Task<ParticipantProfile?> LoadAsync(ParticipantRef participant, CancellationToken cancellationToken) =>
        (await LoadManyAsync([participant], cancellationToken)).FirstOrDefault();
}
