using CleanChat.Domain.Accounts;
using CleanChat.Domain.Stays;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class StayConfiguration : IEntityTypeConfiguration<Stay>
{
    public void Configure(EntityTypeBuilder<Stay> builder)
    {
        builder.ToTable("stays");
        builder.Ignore(s => s.IsCheckedOut);
        builder.Ignore(s => s.Guest);
        builder.Ignore(s => s.ConversationKey);
        builder.Ignore(s => s.ConversationContext);
        builder.Property(s => s.RoomNumber).HasMaxLength(Stay.MaxRoomLength).IsRequired();

        // The hotel system's id is unique within the hotel; a guest's stays are looked up by guest.
        builder.HasIndex(s => new { s.SalonId, s.StayId }).IsUnique();
        builder.HasIndex(s => new { s.GuestId, s.StayId });
        builder.HasOne<Salon>().WithMany().HasForeignKey(s => s.SalonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.GuestId).OnDelete(DeleteBehavior.Restrict);
    }
}
