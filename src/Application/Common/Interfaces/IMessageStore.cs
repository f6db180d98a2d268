using CleanChat.Domain.Chats;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Write-side port for new messages, the one write that must scale: messages sent at the same time are
/// committed together (one transaction, one sync to disk) instead of one commit each.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores the message durably as the next in its chat's sequence and records its id and sequence number
    /// on it; its events are then published in commit order. If its sender already stored a message with
    /// the same client message id, nothing is stored or published and the original's id comes back instead.
    /// </summary>
    Task<MessageAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken);
}

public sealed record MessageAppendResult(long MessageId, bool IsDuplicate);
