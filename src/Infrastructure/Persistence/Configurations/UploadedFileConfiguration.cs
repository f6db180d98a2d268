using CleanChat.Domain.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanChat.Infrastructure.Persistence.Configurations;

internal sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.ToTable("uploaded_files");
        builder.Ignore(f => f.DomainEvents);
        builder.Property(f => f.StoredName).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.StoredName).IsUnique();
        builder.Property(f => f.UploaderType).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.OriginalName).HasMaxLength(UploadedFile.MaxOriginalNameLength);
        builder.Property(f => f.MediaType).HasMaxLength(64).IsRequired();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.ThumbnailName).HasMaxLength(64);
        builder.HasIndex(f => f.ThumbnailName).IsUnique();

        // The clean-up job looks for old uploads.
        builder.HasIndex(f => f.CreatedAt);
    }
}
