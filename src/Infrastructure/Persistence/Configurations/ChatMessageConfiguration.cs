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
        builder.Property(m => m.MediaFileName).HasMaxLength(255);
        builder.Property(m => m.MediaFileType).HasMaxLength(64);
        builder.Property(m => m.MediaThumbnailUrl).HasMaxLength(MessageBody.MaxMediaUrlLength);
        builder.Property(m => m.EntityType).HasMaxLength(EntityReference.MaxTypeLength);
        builder.Property(m => m.EntityTitle).HasMaxLength(EntityReference.MaxTitleLength);

        builder.HasOne<Chat>().WithMany().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChatMessage>().WithMany().HasForeignKey(m => m.ReplyToMessageId).OnDelete(DeleteBehavior.Restrict);

        // Which messages carry a file (serving a file checks that one of them is not deleted).
        builder.HasIndex(m => m.MediaUrl);

        // One message per place in a chat. The only chat-ordered index: history pages, unread counts and
        // last-message lookups all walk it. Within a chat seq rises with id (both are assigned in commit
        // order), so an id cursor becomes a seq bound; a second (chat_id, id) index would double the index
        // pages every send dirties, and the write-ahead log it writes.
        builder.HasIndex(m => new { m.ChatId, m.Seq }).IsUnique();

        // One message per sender's client id, so a retried send is stored once.
        builder.HasIndex(m => new { m.SenderType, m.SenderId, m.ClientMessageId }).IsUnique().HasFilter("client_message_id IS NOT NULL");
    }
}
