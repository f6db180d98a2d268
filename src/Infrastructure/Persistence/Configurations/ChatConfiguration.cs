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
        builder.ComplexProperty(c => c.Context, context =>
        {
            context.Property(x => x.Type).HasColumnName("context_type").HasMaxLength(ChatContext.MaxTypeLength);
            context.Property(x => x.Id).HasColumnName("context_id");
            context.Property(x => x.Title).HasColumnName("context_title").HasMaxLength(ChatContext.MaxTitleLength);
        });

        // A peer chat is found again by its two members and context; the index makes the lookup one seek
        // and a second start of the same conversation, even a simultaneous one, fail instead of duplicating.
        builder.Property(c => c.UniqueKey).HasMaxLength(100);
        builder.HasIndex(c => c.UniqueKey).IsUnique();
        // The latest message's sequence number belongs to the message store, which bumps it in SQL as it
        // appends; the aggregate never sees it, so saving a chat cannot overwrite it or race a send.
        builder.Property<long>(ChatDbContext.LastSeqProperty);
        builder.HasOne<Salon>().WithMany().HasForeignKey(c => c.SalonId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);

        // A salon's chat list, most recently active first.
        builder.HasIndex(c => new { c.SalonId, c.LastMessageAt });
    }
}
