namespace CleanChat.Application.Uploads;

/// <summary>An upload as the guide's upload endpoint answers it.</summary>
public sealed record UploadedFileDto(string FileUrl, string? FileName, string FileType, long FileSize, string? ThumbnailUrl)
{
    /// <summary>Where stored files are served; media_url values of messages must point here.</summary>
    public const string UrlPrefix = "/uploads/chat/";

    public static string UrlOf(string storedName) => UrlPrefix + storedName;
}
