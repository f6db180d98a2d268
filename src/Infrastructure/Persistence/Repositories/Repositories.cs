using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Uploads;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Repositories;

internal sealed class ChatRepository : IChatRepository
{
    private readonly ChatDbContext _db;

    public ChatRepository(ChatDbContext db) => _db = db;

    public Task<Chat?> FindAsync(long chatId, CancellationToken cancellationToken) =>
        _db.Chats.Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == chatId, cancellationToken);

    public Task<long?> FindPeerChatIdAsync(string peerKey, CancellationToken cancellationToken) =>
        _db.Chats.AsNoTracking().Where(c => c.PeerKey == peerKey).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);

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

    public void Add(ChatMessage message) => _db.ChatMessages.Add(message);
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

    public Task<UploadedFile?> FindByStoredNameAsync(string storedName, CancellationToken cancellationToken) =>
        _db.UploadedFiles.FirstOrDefaultAsync(f => f.StoredName == storedName, cancellationToken);

    public void Add(UploadedFile file) => _db.UploadedFiles.Add(file);
}
