using System.Security.Cryptography;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Uploads;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Uploads.Commands.UploadFile;

/// <summary>Stores an uploaded file for the caller to attach to messages. The content decides the type.</summary>
[Authorize]
public sealed record UploadFileCommand(Stream Content, string? FileName) : IRequest<UploadedFileDto>;

internal sealed class UploadFileCommandHandler : IRequestHandler<UploadFileCommand, UploadedFileDto>
{
    private readonly IFileStore _files;
    private readonly IThumbnailMaker _thumbnails;
    private readonly IUploadedFileRepository _uploads;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;
    private readonly UploadOptions _options;

    public UploadFileCommandHandler(IFileStore files, IThumbnailMaker thumbnails, IUploadedFileRepository uploads, IUnitOfWork unitOfWork,
        ICurrentCaller currentCaller, TimeProvider time, IOptions<UploadOptions> options)
    {
        _files = files;
        _thumbnails = thumbnails;
        _uploads = uploads;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
        _options = options.Value;
    }

    public async Task<UploadedFileDto> Handle(UploadFileCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var head = await ReadHeadAsync(request.Content, cancellationToken);
        if (head.Length == 0)
            throw new RequestValidationException("file", "The file is empty.");

        var type = FileSignatures.Detect(head.Span);
        if (type is null || !_options.Allows(type))
            throw new UnsupportedMediaTypeException(type is null
                ? "The file's content is not of a type this service accepts (images: JPEG, PNG, GIF, WebP; audio: WebM, Ogg, MP3, M4A, WAV; documents: PDF, plain text)."
                : $"Files of type {type.MediaType} are not accepted here.");

        // 128 random bits: the name is the file's only protection when its URL is shared.
        var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + type.Extension;
        string? thumbnailName = null;
        try
        {
            var size = await _files.SaveAsync(storedName, head, request.Content, _options.MaxFileBytes, cancellationToken);
            if (type.Kind == FileKind.Image)
                thumbnailName = await _thumbnails.MakeAsync(storedName, cancellationToken);

            var upload = new UploadedFile(storedName, caller.Participant, request.FileName, type.MediaType, type.Kind, size, thumbnailName, _time.GetUtcNow().UtcDateTime);
            _uploads.Add(upload);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            return upload.ToDto();
        }
        catch
        {
            // Refused, interrupted or failed: nothing of it stays on disk.
            _files.Delete(storedName);
            if (thumbnailName is not null)
                _files.Delete(thumbnailName);
            throw;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[FileSignatures.SampleLength];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
                break;
            filled += read;
        }

        return buffer.AsMemory(0, filled);
    }
}
