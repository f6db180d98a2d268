using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    /// <summary>The attachment's link to its message (column <c>message_id</c>).</summary>
    public const string MessageIdProperty = "MessageId";

    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.Ignore(m => m.DomainEvents);
        builder.Property(m => m.SenderType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.MessageType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Content).HasMaxLength(MessageBody.MaxContentLength);
        builder.Property(m => m.EntityType).HasMaxLength(EntityReference.MaxTypeLength);
        builder.Property(m => m.EntityTitle).HasMaxLength(EntityReference.MaxTitleLength);

        // A message's files, a row each, keyed by their place in it: read with their messages in one join.
        builder.OwnsMany(m => m.Attachments, attachment =>
        {
            attachment.ToTable("message_attachments");
            attachment.WithOwner().HasForeignKey(MessageIdProperty);
            attachment.Property<int>(StoredAttachment.Position);
            attachment.HasKey(MessageIdProperty, StoredAttachment.Position);
            attachment.Property(a => a.FileUrl).HasMaxLength(MessageBody.MaxMediaUrlLength);
            attachment.Property(a => a.FileName).HasMaxLength(UploadedFile.MaxOriginalNameLength);
            attachment.Property(a => a.FileType).HasMaxLength(64);
            attachment.Property(a => a.ThumbnailUrl).HasMaxLength(MessageBody.MaxMediaUrlLength);

            // Which messages carry a file: serving a file checks that one of them is not deleted, and the
            // upload cleaner keeps every file a message carries.
            attachment.HasIndex(a => a.FileUrl);
        });
        builder.Navigation(m => m.Attachments).HasField("_attachments");

        builder.HasOne<Chat>().WithMany().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChatMessage>().WithMany().HasForeignKey(m => m.ReplyToMessageId).OnDelete(DeleteBehavior.Restrict);

        // One message per place in a chat. The only chat-ordered index: history pages, unread counts and
        // last-message lookups all walk it. Within a chat seq rises with id (both are assigned in commit
        // order), so an id cursor becomes a seq bound; a second (chat_id, id) index would double the index
        // pages every send dirties, and the write-ahead log it writes.
        builder.HasIndex(m => new { m.ChatId, m.Seq }).IsUnique();

        // One message per sender's client id, so a retried send is stored once.
        builder.HasIndex(m => new { m.SenderType, m.SenderId, m.ClientMessageId }).IsUnique().HasFilter("client_message_id IS NOT NULL");
    }
}
