using CleanChat.Domain.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.Ignore(m => m.DomainEvents);
        builder.Property(m => m.SenderType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.MessageType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Content).HasMaxLength(MessageBody.MaxContentLength);
        builder.Property(m => m.MediaUrl).HasMaxLength(MessageBody.MaxMediaUrlLength);
        builder.Property(m => m.EntityType).HasMaxLength(EntityReference.MaxTypeLength);
        builder.Property(m => m.EntityTitle).HasMaxLength(EntityReference.MaxTitleLength);

        // The private Chat navigation lets a new chat and its first message be inserted together.
        builder.HasOne<Chat>("Chat").WithMany().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChatMessage>().WithMany().HasForeignKey(m => m.ReplyToMessageId).OnDelete(DeleteBehavior.Restrict);

        // History pages, unread counts and last-message lookups all walk this index.
        builder.HasIndex(m => new { m.ChatId, m.Id });
    }
}
