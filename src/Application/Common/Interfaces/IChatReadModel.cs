using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Mentoring;
using CleanChat.Domain.Stays;
using CleanChat.Domain.Uploads;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Read-side port: untracked queryables that query handlers project straight into DTOs, so only the
/// columns a response needs are read.
/// </summary>
public interface IChatReadModel
{
    IQueryable<Chat> Chats { get; }

    IQueryable<ChatParticipant> Participants { get; }

    IQueryable<ChatMessage> Messages { get; }

    IQueryable<StaffUser> StaffUsers { get; }

    IQueryable<Customer> Customers { get; }

    IQueryable<UploadedFile> UploadedFiles { get; }

    IQueryable<Mentorship> Mentorships { get; }

    IQueryable<Stay> Stays { get; }
}
