using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Messages;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime.Protocol.Mentoring;

/// <summary>A message as the mentoring seed shows it, in <c>new_message</c> frames and history alike.</summary>
public sealed record MentoringMessage(long Id, long Sender, MentoringSenderProfile? SenderProfile, string? Content, DateTime Timestamp, bool IsRead, bool IsOwnMessage);

/// <param name="Username">A staff member's e-mail, a student's phone number.</param>
/// <param name="Role"><c>STUDENT</c>, <c>TEACHER</c>, <c>TRAINER</c>, or <c>STAFF</c> for staff with no job title.</param>
public sealed record MentoringSenderProfile(long UserId, string FullName, string Username, string? Email, string Role);

/// <summary>
/// Messages in the mentoring seed's shape, for its socket frames and its REST history alike. Ids are the
/// core's: <c>sender</c> and <c>user_id</c> are the participant's id.
/// </summary>
public static class MentoringMessages
{
    public static MentoringMessage ToMessage(MessageDto message, ParticipantProfile? sender, bool isOwn, bool isRead) => new(
        message.Id,
        message.Sender().Id,
        sender is null ? null : ToProfile(sender),
        // A file or voice message from another client has no text here: its link stands in for it.
        message.IsDeleted ? null : message.Content ?? message.MediaUrl,
        message.CreatedAt,
        isRead,
        isOwn);

    /// <summary>
    /// A message of a page, seen by <paramref name="viewer"/>: <c>is_read</c> is whether its recipient has
    /// read it, the other side for the viewer's own messages, the viewer for everyone else's.
    /// </summary>
    public static MentoringMessage ToMessage(MessageDto message, IReadOnlyDictionary<ParticipantRef, ParticipantProfile> profiles, ParticipantRef viewer)
    {
        var sender = message.Sender();
        var isOwn = sender == viewer;
        var isRead = isOwn
            ? message.ReadReceipts.Count > 0
            : message.ReadReceipts.Any(r => r.ReaderType == viewer.Type && r.ReaderId == viewer.Id);
        return ToMessage(message, profiles.GetValueOrDefault(sender), isOwn, isRead);
    }

    private static MentoringSenderProfile ToProfile(ParticipantProfile profile) =>
        new(profile.Participant.Id, profile.Name, profile.Username, profile.Email, RoleOf(profile));

    private static string RoleOf(ParticipantProfile profile) => profile.Participant.Type == ParticipantType.Customer
        ? "STUDENT"
        : profile.JobTitle switch
        {
            JobTitle.Teacher => "TEACHER",
            JobTitle.Trainer => "TRAINER",
            _ => "STAFF",
        };
}
