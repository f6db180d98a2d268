using CleanChat.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class SalonConfiguration : IEntityTypeConfiguration<Salon>
{
    public void Configure(EntityTypeBuilder<Salon> builder)
    {
        builder.ToTable("salons");
        builder.Property(s => s.Name).HasMaxLength(Salon.MaxNameLength).IsRequired();
    }
}
