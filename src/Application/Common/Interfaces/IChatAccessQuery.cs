using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>What the authorization behaviour needs to know about a chat and the caller's place in it.</summary>
public sealed record ChatAccessInfo(long ChatId, long? SalonId, bool IsActiveParticipant);

public interface IChatAccessQuery
{
    Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken);

    Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken);
}
