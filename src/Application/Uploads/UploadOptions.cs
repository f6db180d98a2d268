namespace CleanChat.Application.Uploads;

/// <summary>Upload limits and storage (configuration section <c>Uploads</c>).</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Media types accepted, as detected from content; unset means every type FileSignatures knows. (Null
    /// rather than a default list: configuration binding appends to a list instead of replacing it.)
    /// </summary>
    public string[]? AllowedMediaTypes { get; set; }

    public bool Allows(DetectedFileType type) =>
        AllowedMediaTypes is not { Length: > 0 } allowed || allowed.Contains(type.MediaType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Directory for stored files; a relative path is under the content root.</summary>
    public string RootPath { get; set; } = "uploads";

    /// <summary>Longest side of image thumbnails, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>The libvips thumbnail tool; when it cannot be run, uploads go on without thumbnails.</summary>
    public string VipsThumbnailCommand { get; set; } = "vipsthumbnail";

    /// <summary>Longest voice note accepted, in milliseconds.</summary>
    public long MaxVoiceDurationMs { get; set; } = 15 * 60 * 1000;

    /// <summary>Most files one message may carry (the service never allows more than 50).</summary>
    public int MaxAttachmentsPerMessage { get; set; } = 10;

    /// <summary>Uploads that no message references are deleted after this many hours.</summary>
    public int UnreferencedRetentionHours { get; set; } = 24;
}
