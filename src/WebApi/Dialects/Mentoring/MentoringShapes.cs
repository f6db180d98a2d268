using CleanChat.Application.Mentoring.Queries.ListMentoringConversations;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol.Mentoring;

namespace CleanChat.WebApi.Dialects.Mentoring;

public sealed record MentoringStudent(long UserId, string FullName, string Username, string? Email);

public sealed record MentoringConversation(long Id, MentoringStudent Student, MentoringMessage? LastMessage, int UnreadCount, DateTime UpdatedAt);

public sealed record MentoringMessagePage(IReadOnlyList<MentoringMessage> Messages, int Page, int PageSize, bool HasMore);

/// <summary>Core answers in the seed's shapes (messages: <see cref="MentoringMessages"/>, shared with the socket codec).</summary>
public static class MentoringShapes
{
    public static MentoringConversation ToConversation(MentoringConversationDto found, ParticipantRef viewer) => new(
        found.Chat.Id,
        new MentoringStudent(found.Student.Participant.Id, found.Student.Name, found.Student.Username, found.Student.Email),
        found.LastMessage is null ? null : MentoringMessages.ToMessage(found.LastMessage, found.Profiles, viewer),
        found.Chat.UnreadCount,
        found.Chat.LastMessageAt is { } last && last > found.Chat.UpdatedAt ? last : found.Chat.UpdatedAt);
}
