using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>What the authorization behaviour needs to know about a chat and the caller's place in it.</summary>
/// <param name="IsFrontDesk">Every staff user of the chat's salon may act in it as a participant.</param>
public sealed record ChatAccessInfo(long ChatId, long? SalonId, bool IsActiveParticipant, bool IsFrontDesk = false);

public interface IChatAccessQuery
{
    Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken);

    Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken);
}
