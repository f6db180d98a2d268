using CleanChat.Domain.Accounts;
using CleanChat.Domain.Mentoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class MentorshipConfiguration : IEntityTypeConfiguration<Mentorship>
{
    public void Configure(EntityTypeBuilder<Mentorship> builder)
    {
        builder.ToTable("mentorships");
        builder.Ignore(m => m.Student);
        builder.Ignore(m => m.Mentor);
        builder.Ignore(m => m.ConversationKey);

        // One mentor per student and school; a student's mentorships are looked up newest first.
        builder.HasIndex(m => new { m.SalonId, m.StudentId }).IsUnique();
        builder.HasIndex(m => new { m.StudentId, m.AssignedAt });
        builder.HasIndex(m => m.MentorId);
        builder.HasOne<Salon>().WithMany().HasForeignKey(m => m.SalonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.MentorId).OnDelete(DeleteBehavior.Restrict);
    }
}
