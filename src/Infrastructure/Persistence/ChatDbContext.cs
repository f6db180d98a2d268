using System.Text.Json;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Mentoring;
using CleanChat.Domain.Stays;
using CleanChat.Domain.Uploads;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// The chat database, as SQLite holds it (the default; its migrations are in <c>Migrations/</c>).
/// <see cref="Postgres.PostgresChatDbContext"/> is the same model on PostgreSQL, with migrations of its own.
/// </summary>
public class ChatDbContext : DbContext, IChatReadModel
{
    public ChatDbContext(DbContextOptions<ChatDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's own context type, which EF Core ties its migrations to.</summary>
    protected ChatDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Salon> Salons => Set<Salon>();

    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Chat> Chats => Set<Chat>();

    public DbSet<ChatParticipant> ChatParticipants => Set<ChatParticipant>();

    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();

    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();

    public DbSet<Mentorship> Mentorships => Set<Mentorship>();

    public DbSet<LoginSession> LoginSessions => Set<LoginSession>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Domain.Push.PushSubscription> PushSubscriptions => Set<Domain.Push.PushSubscription>();

    public DbSet<Stay> Stays => Set<Stay>();

    // Queries never need change tracking: reads are cheaper and cannot be saved by accident.
    IQueryable<Chat> IChatReadModel.Chats => Chats.AsNoTracking();

    IQueryable<ChatParticipant> IChatReadModel.Participants => ChatParticipants.AsNoTracking();

    IQueryable<ChatMessage> IChatReadModel.Messages => ChatMessages.AsNoTracking();

    IQueryable<StaffUser> IChatReadModel.StaffUsers => StaffUsers.AsNoTracking();

    IQueryable<Customer> IChatReadModel.Customers => Customers.AsNoTracking();

    IQueryable<UploadedFile> IChatReadModel.UploadedFiles => UploadedFiles.AsNoTracking();

    IQueryable<Mentorship> IChatReadModel.Mentorships => Mentorships.AsNoTracking();

    IQueryable<Stay> IChatReadModel.Stays => Stays.AsNoTracking();

    /// <summary>The chat's shadow property holding its latest message's sequence number (column <c>last_seq</c>).</summary>
    public const string LastSeqProperty = "LastSeq";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatDbContext).Assembly);

        // snake_case columns, like the tables and the API.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone; every time in CleanChat is UTC, so say so when reading back
        // (PostgreSQL's timestamptz comes back as UTC already; the conversion then changes nothing).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
