using CleanChat.Domain.Chats;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Chats as snapshots of who may post to them, kept warm between requests so the send path needs no
/// query. Every committed change to a chat or its members replaces its snapshot.
/// </summary>
public interface IChatDirectory
{
    ValueTask<ChatSnapshot?> FindAsync(long chatId, CancellationToken cancellationToken);
}
