using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Mentoring;
using CleanChat.Domain.Stays;

namespace CleanChat.Application.Common.Interfaces;

// Write-side ports: commands load aggregates through these, change them, then commit with IUnitOfWork.

public interface IChatRepository
{
    /// <summary>The chat with all its participants, tracked for changes.</summary>
    Task<Chat?> FindAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>The id of the chat with this <see cref="Chat.UniqueKey"/>, if it exists.</summary>
    Task<long?> FindChatIdByKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>The chat with this <see cref="Chat.UniqueKey"/> and all its participants, tracked, if it exists.</summary>
    Task<Chat?> FindByKeyAsync(string key, CancellationToken cancellationToken);

    void Add(Chat chat);
}

public interface IMessageRepository
{
    Task<ChatMessage?> FindAsync(long messageId, CancellationToken cancellationToken);

    /// <summary>The chat's newest message (highest seq), if it has any.</summary>
    Task<ChatMessage?> FindLatestAsync(long chatId, CancellationToken cancellationToken);
}

public interface IStaffUserRepository
{
    Task<StaffUser?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Looks up by e-mail, ignoring case.</summary>
    Task<StaffUser?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    void Add(StaffUser user);
}

public interface ICustomerRepository
{
    Task<Customer?> FindAsync(long id, CancellationToken cancellationToken);

    Task<Customer?> FindByPhoneAsync(string phoneNumber, CancellationToken cancellationToken);

    void Add(Customer customer);
}

public interface ISalonRepository
{
    Task<Salon?> FindAsync(long id, CancellationToken cancellationToken);

    void Add(Salon salon);
}

public interface IMentorshipRepository
{
    /// <summary>The student's mentorship at this school, tracked.</summary>
    Task<Mentorship?> FindAsync(long salonId, long studentId, CancellationToken cancellationToken);

    /// <summary>The student's most recently assigned mentorship at any school.</summary>
    Task<Mentorship?> FindLatestOfStudentAsync(long studentId, CancellationToken cancellationToken);

    void Add(Mentorship mentorship);

    void Remove(Mentorship mentorship);
}

public interface IStayRepository
{
    /// <summary>The hotel's stay with the hotel system's id <paramref name="stayId"/>, tracked.</summary>
    Task<Stay?> FindAsync(long salonId, long stayId, CancellationToken cancellationToken);

    void Add(Stay stay);
}

public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    void Add(RefreshToken token);

    /// <summary>
    /// Revokes every token of the family at once, committed by itself (not with the unit of work): a
    /// revocation must stand even when the request's own changes fail.
    /// </summary>
    Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken);
}

public interface ILoginSessionRepository
{
    /// <summary>The session whose cookie value hashes to <paramref name="tokenHash"/>, tracked.</summary>
    Task<LoginSession?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    void Add(LoginSession session);
}

public interface IUnitOfWork
{
    /// <summary>
    /// Commits every change of the request in one transaction, then publishes the domain events the
    /// changed aggregates raised. A unique-key clash surfaces as a ConflictException.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
