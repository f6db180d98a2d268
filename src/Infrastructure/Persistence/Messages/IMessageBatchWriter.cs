using CleanChat.Domain.Chats;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// The database side of the group commit: writes a batch of new messages in one transaction, on a
/// connection of its own, giving each its id and the next <c>seq</c> of its chat (gap-free, in commit
/// order) or, for a repeated client message id, the earlier copy. Used by the
/// <see cref="MessageWriter"/>'s loop alone, one batch at a time, on its own thread.
/// </summary>
internal interface IMessageBatchWriter : IDisposable
{
    /// <summary>
    /// What the store gave each message, in the batch's order, once committed. Throws, having written
    /// nothing, if any message cannot be written; the caller then writes them one by one to find it.
    /// </summary>
    IReadOnlyList<WrittenMessage> Write(IReadOnlyList<ChatMessage> messages);
}

/// <summary>What the store gave a message: its id and place in the chat, or the id of the earlier copy it repeats.</summary>
internal readonly record struct WrittenMessage(long Id, long Seq, bool IsDuplicate);
