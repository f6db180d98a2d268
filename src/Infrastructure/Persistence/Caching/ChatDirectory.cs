using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Caching;

/// <summary>
/// Chat snapshots kept in memory. Safe because this process is the database's only writer: every change
/// to a chat or its members is committed by <see cref="UnitOfWork"/>, which invalidates the chat here.
/// </summary>
internal sealed class ChatDirectory : IChatDirectory
{
    private readonly IServiceScopeFactory _scopes;
    private readonly InvalidatingCache<long, ChatSnapshot> _cache;

    public ChatDirectory(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options)
    {
        _scopes = scopes;
        _cache = new InvalidatingCache<long, ChatSnapshot>(options.Value.CachedChats);
    }

    public ValueTask<ChatSnapshot?> FindAsync(long chatId, CancellationToken cancellationToken) =>
        chatId <= 0 ? ValueTask.FromResult<ChatSnapshot?>(null) : _cache.GetOrLoadAsync(chatId, LoadAsync, cancellationToken);

    public void Invalidate(long chatId) => _cache.Invalidate(chatId);

    public void InvalidateAll() => _cache.InvalidateAll();

    private async Task<ChatSnapshot?> LoadAsync(long chatId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var chat = await db.Chats.AsNoTracking().Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == chatId, cancellationToken);
        return chat?.ToSnapshot();
    }
}
