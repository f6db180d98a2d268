using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Uploads;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Uploads.Queries.GetUploadedFile;

/// <summary>
/// A stored file (or its thumbnail) by its server-made name. Anonymous on purpose: browsers load
/// <c>&lt;img&gt;</c> and <c>&lt;audio&gt;</c> sources without an Authorization header, so the name,
/// 128 random bits that only the chat's participants are given, is the key. Once every message that
/// carried the file is deleted, the file is gone for everyone.
/// </summary>
[AllowAnonymous]
public sealed record GetUploadedFileQuery(string Name) : IRequest<UploadedFileContent>;

/// <summary>The bytes to serve and how: images inline, anything else as a download under its original name.</summary>
public sealed record UploadedFileContent(Stream Content, string MediaType, string? DownloadName, bool ShowInline);

internal sealed class GetUploadedFileQueryHandler : IRequestHandler<GetUploadedFileQuery, UploadedFileContent>
{
    private readonly IChatReadModel _read;
    private readonly IFileStore _files;

    public GetUploadedFileQueryHandler(IChatReadModel read, IFileStore files)
    {
        _read = read;
        _files = files;
    }

    public async Task<UploadedFileContent> Handle(GetUploadedFileQuery request, CancellationToken cancellationToken)
    {
        var name = request.Name;
        var messages = _read.Messages;
        var file = await _read.UploadedFiles
            .Where(f => f.StoredName == name || f.ThumbnailName == name)
            .Select(f => new
            {
                f.StoredName,
                f.MediaType,
                f.Kind,
                f.OriginalName,
                Url = UploadedFileDto.UrlPrefix + f.StoredName,
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("File");

        // Whether the messages carrying the file are deleted: none (not sent yet), some, or all.
        var url = file.Url;
        // From the attachment rows to their messages, so the lookup starts at the index on file_url.
        var deletedStates = await messages.SelectMany(m => m.Attachments.Where(a => a.FileUrl == url), (m, _) => m.IsDeleted)
            .Distinct().ToListAsync(cancellationToken);
        if (deletedStates.Count > 0 && deletedStates.All(deleted => deleted))
            throw new NotFoundException("File");

        var isThumbnail = name != file.StoredName;
        var content = _files.OpenRead(name) ?? throw new NotFoundException("File");
        return isThumbnail
            ? new UploadedFileContent(content, "image/jpeg", null, ShowInline: true)
            : new UploadedFileContent(content, file.MediaType, file.OriginalName ?? name, ShowInline: file.Kind == FileKind.Image);
    }
}
