using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Mentoring;
using CleanChat.Domain.Stays;
using CleanChat.Domain.Uploads;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Repositories;

internal sealed class ChatRepository : IChatRepository
{
    private readonly ChatDbContext _db;

    public ChatRepository(ChatDbContext db) => _db = db;

    public Task<Chat?> FindAsync(long chatId, CancellationToken cancellationToken) =>
        _db.Chats.Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == chatId, cancellationToken);

    public Task<long?> FindChatIdByKeyAsync(string key, CancellationToken cancellationToken) =>
        _db.Chats.AsNoTracking().Where(c => c.UniqueKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);

    public Task<Chat?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        _db.Chats.Include(c => c.Participants).FirstOrDefaultAsync(c => c.UniqueKey == key, cancellationToken);

    public void Add(Chat chat) => _db.Chats.Add(chat);
}

internal sealed class MessageRepository : IMessageRepository
{
    private readonly ChatDbContext _db;

    public MessageRepository(ChatDbContext db) => _db = db;

    public Task<ChatMessage?> FindAsync(long messageId, CancellationToken cancellationToken) =>
        _db.ChatMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);

    public Task<ChatMessage?> FindLatestAsync(long chatId, CancellationToken cancellationToken) =>
        _db.ChatMessages.Where(m => m.ChatId == chatId).OrderByDescending(m => m.Seq).FirstOrDefaultAsync(cancellationToken);
}

internal sealed class StaffUserRepository : IStaffUserRepository
{
    private readonly ChatDbContext _db;

    public StaffUserRepository(ChatDbContext db) => _db = db;

    public Task<StaffUser?> FindAsync(long id, CancellationToken cancellationToken) =>
        _db.StaffUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<StaffUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = StaffUser.NormalizeEmail(email);
        return _db.StaffUsers.FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken);
    }

    public void Add(StaffUser user) => _db.StaffUsers.Add(user);
}

internal sealed class CustomerRepository : ICustomerRepository
{
    private readonly ChatDbContext _db;

    public CustomerRepository(ChatDbContext db) => _db = db;

    public Task<Customer?> FindAsync(long id, CancellationToken cancellationToken) =>
        _db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<Customer?> FindByPhoneAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        var trimmed = phoneNumber.Trim();
        return _db.Customers.FirstOrDefaultAsync(c => c.PhoneNumber == trimmed, cancellationToken);
    }

    public void Add(Customer customer) => _db.Customers.Add(customer);
}

internal sealed class SalonRepository : ISalonRepository
{
    private readonly ChatDbContext _db;

    public SalonRepository(ChatDbContext db) => _db = db;

    public Task<Salon?> FindAsync(long id, CancellationToken cancellationToken) =>
        _db.Salons.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public void Add(Salon salon) => _db.Salons.Add(salon);
}

internal sealed class UploadedFileRepository : IUploadedFileRepository
{
    private readonly ChatDbContext _db;

    public UploadedFileRepository(ChatDbContext db) => _db = db;

    public async Task<IReadOnlyList<UploadedFile>> FindByStoredNamesAsync(IReadOnlyCollection<string> storedNames, CancellationToken cancellationToken) =>
        storedNames.Count == 0 ? Array.Empty<UploadedFile>() : await _db.UploadedFiles.Where(f => storedNames.Contains(f.StoredName)).ToListAsync(cancellationToken);

    public void Add(UploadedFile file) => _db.UploadedFiles.Add(file);
}

internal sealed class MentorshipRepository : IMentorshipRepository
{
    private readonly ChatDbContext _db;

    public MentorshipRepository(ChatDbContext db) => _db = db;

    public Task<Mentorship?> FindAsync(long salonId, long studentId, CancellationToken cancellationToken) =>
        _db.Mentorships.FirstOrDefaultAsync(m => m.SalonId == salonId && m.StudentId == studentId, cancellationToken);

    public Task<Mentorship?> FindLatestOfStudentAsync(long studentId, CancellationToken cancellationToken) =>
        _db.Mentorships.Where(m => m.StudentId == studentId).OrderByDescending(m => m.AssignedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);

    public void Add(Mentorship mentorship) => _db.Mentorships.Add(mentorship);

    public void Remove(Mentorship mentorship) => _db.Mentorships.Remove(mentorship);
}

internal sealed class LoginSessionRepository : ILoginSessionRepository
{
    private readonly ChatDbContext _db;

    public LoginSessionRepository(ChatDbContext db) => _db = db;

    public Task<LoginSession?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        _db.LoginSessions.FirstOrDefaultAsync(s => s.TokenHash == tokenHash, cancellationToken);

    public void Add(LoginSession session) => _db.LoginSessions.Add(session);
}

internal sealed class RefreshTokenRepository : IRefreshTokenRepository
{
    private readonly ChatDbContext _db;
    private readonly WriteGate _writeGate;

    public RefreshTokenRepository(ChatDbContext db, WriteGate writeGate)
    {
        _db = db;
        _writeGate = writeGate;
    }

    public Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        _db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public void Add(RefreshToken token) => _db.RefreshTokens.Add(token);

    // One statement over the family, outside the change tracker: it stands even when the request's own
    // tracked changes have just failed (a rotation that lost a race).
    public async Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken)
    {
        using (await _writeGate.EnterAsync(cancellationToken))
        {
            await _db.RefreshTokens
                .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }
    }
}

internal sealed class PushSubscriptionRepository : IPushSubscriptionRepository
{
    private readonly ChatDbContext _db;

    public PushSubscriptionRepository(ChatDbContext db) => _db = db;

    public Task<Domain.Push.PushSubscription?> FindAsync(string endpoint, CancellationToken cancellationToken) =>
        _db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == endpoint, cancellationToken);

    public void Add(Domain.Push.PushSubscription subscription) => _db.PushSubscriptions.Add(subscription);

    public void Remove(Domain.Push.PushSubscription subscription) => _db.PushSubscriptions.Remove(subscription);

    public async Task<IReadOnlyList<Domain.Push.PushSubscription>> OfAsync(ParticipantRef owner, CancellationToken cancellationToken) =>
        await _db.PushSubscriptions.Where(s => s.ParticipantType == owner.Type && s.ParticipantId == owner.Id).OrderBy(s => s.UpdatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
}

internal sealed class StayRepository : IStayRepository
{
    private readonly ChatDbContext _db;

    public StayRepository(ChatDbContext db) => _db = db;

    public Task<Stay?> FindAsync(long salonId, long stayId, CancellationToken cancellationToken) =>
        _db.Stays.FirstOrDefaultAsync(s => s.SalonId == salonId && s.StayId == stayId, cancellationToken);

    public void Add(Stay stay) => _db.Stays.Add(stay);
}
