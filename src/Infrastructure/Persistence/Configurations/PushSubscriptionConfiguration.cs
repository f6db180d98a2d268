using CleanChat.Domain.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("push_subscriptions");
        builder.Ignore(s => s.Owner);
        builder.Property(s => s.Endpoint).HasMaxLength(PushSubscription.MaxEndpointLength).IsRequired();
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.Property(s => s.P256dh).HasMaxLength(128).IsRequired();
        builder.Property(s => s.Auth).HasMaxLength(128).IsRequired();
        builder.Property(s => s.ParticipantType).HasConversion<string>().HasMaxLength(16);

        // A push looks up the subscriptions of a message's offline recipients.
        builder.HasIndex(s => new { s.ParticipantType, s.ParticipantId });
    }
}
