using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Caching;

/// <summary>
/// Display names, cached: every message frame shows its sender's name, and names are set when an
/// account is created and never change, so a name once read stays right.
/// </summary>
internal sealed class ParticipantNames : IParticipantNames
{
    private readonly IServiceScopeFactory _scopes;
    private readonly InvalidatingCache<ParticipantRef, string> _cache;

    public ParticipantNames(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options)
    {
        _scopes = scopes;
        _cache = new InvalidatingCache<ParticipantRef, string>(options.Value.CachedNames);
    }

    public ValueTask<string?> GetAsync(ParticipantRef participant, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(participant, LoadAsync, cancellationToken);

    private async Task<string?> LoadAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var id = participant.Id;
        return participant.Type == ParticipantType.User
            ? await db.StaffUsers.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.DisplayName ?? c.PhoneNumber).FirstOrDefaultAsync(cancellationToken);
    }
}
