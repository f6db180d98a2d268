using CleanChat.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.ToTable("staff_users");
        builder.Property(u => u.Email).HasMaxLength(StaffUser.MaxEmailLength).IsRequired();
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(StaffUser.MaxNameLength).IsRequired();
        builder.Property(u => u.PasswordHash).IsRequired();
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.JobTitle).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Salon>().WithMany().HasForeignKey(u => u.SalonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.SalonId);
    }
}
