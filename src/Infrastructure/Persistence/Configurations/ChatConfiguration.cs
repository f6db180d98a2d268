using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class ChatConfiguration : IEntityTypeConfiguration<Chat>
{
    public void Configure(EntityTypeBuilder<Chat> builder)
    {
        builder.ToTable("chats");
        builder.Ignore(c => c.DomainEvents);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Title).HasMaxLength(Chat.MaxTitleLength);
        // Messages sent through the aggregate take LastSeq + 1: a concurrent change must fail the save, not reuse a number.
        builder.Property(c => c.LastSeq).IsConcurrencyToken();
        builder.HasOne<Salon>().WithMany().HasForeignKey(c => c.SalonId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);

        // A salon's chat list, most recently active first.
        builder.HasIndex(c => new { c.SalonId, c.LastMessageAt });
    }
}
