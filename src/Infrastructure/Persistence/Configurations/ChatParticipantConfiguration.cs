using CleanChat.Domain.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class ChatParticipantConfiguration : IEntityTypeConfiguration<ChatParticipant>
{
    public void Configure(EntityTypeBuilder<ChatParticipant> builder)
    {
        builder.ToTable("chat_participants");
        builder.Property(p => p.ParticipantType).HasConversion<string>().HasMaxLength(16);

        // One membership row per person and chat; removal deactivates it.
        builder.HasIndex(p => new { p.ChatId, p.ParticipantType, p.ParticipantId }).IsUnique();

        // "Which chats is this person in": every list, stats and access check starts here.
        builder.HasIndex(p => new { p.ParticipantType, p.ParticipantId, p.ChatId });
    }
}
