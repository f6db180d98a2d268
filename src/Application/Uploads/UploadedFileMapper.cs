using CleanChat.Domain.Uploads;
using Riok.Mapperly.Abstractions;

namespace CleanChat.Application.Uploads;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class UploadedFileMapper
{
    [MapProperty(nameof(UploadedFile.StoredName), nameof(UploadedFileDto.FileUrl), Use = nameof(UrlOf))]
    [MapProperty(nameof(UploadedFile.OriginalName), nameof(UploadedFileDto.FileName))]
    [MapProperty(nameof(UploadedFile.MediaType), nameof(UploadedFileDto.FileType))]
    [MapProperty(nameof(UploadedFile.Size), nameof(UploadedFileDto.FileSize))]
    [MapProperty(nameof(UploadedFile.ThumbnailName), nameof(UploadedFileDto.ThumbnailUrl), Use = nameof(UrlOfThumbnail))]
    public static partial UploadedFileDto ToDto(this UploadedFile file);

    [UserMapping(Default = false)]
    private static string UrlOf(string storedName) => UploadedFileDto.UrlOf(storedName);

    [UserMapping(Default = false)]
    private static string? UrlOfThumbnail(string? thumbnailName) => thumbnailName is null ? null : UploadedFileDto.UrlOf(thumbnailName);
}
