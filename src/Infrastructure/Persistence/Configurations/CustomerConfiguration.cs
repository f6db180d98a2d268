using CleanChat.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.PhoneNumber).HasMaxLength(Customer.MaxPhoneLength).IsRequired();
        builder.HasIndex(c => c.PhoneNumber).IsUnique();
        builder.Property(c => c.DisplayName).HasMaxLength(Customer.MaxNameLength);
        builder.Property(c => c.Email).HasMaxLength(StaffUser.MaxEmailLength);
        builder.Property(c => c.PasswordHash).IsRequired();
    }
}
