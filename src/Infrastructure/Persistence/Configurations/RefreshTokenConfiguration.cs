using CleanChat.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.Ignore(t => t.Participant);
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.ParticipantType).HasConversion<string>().HasMaxLength(16);

        // Retiring is written only where the token is not retired yet: of two exchanges racing with one
        // token, the second fails instead of minting a second successor.
        builder.Property(t => t.RetiredAt).IsConcurrencyToken();

        // A logout or a detected reuse revokes the family; the sweeper deletes by age.
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
