using CleanChat.Application.Common.Security;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Uploads.Queries.GetUploadLimits;

/// <summary>
/// What an upload may be, as this server is configured: clients check a file before sending it (and
/// name the limit) from this answer rather than from a copy of the defaults that may not match.
/// </summary>
[Authorize]
public sealed record GetUploadLimitsQuery : IRequest<UploadLimitsDto>;

/// <summary>Accepted media types are those the server recognises from a file's first bytes.</summary>
public sealed record UploadLimitsDto(long MaxFileBytes, IReadOnlyList<AcceptedFileType> AcceptedTypes, long MaxVoiceDurationMs, int MaxAttachmentsPerMessage);

/// <summary>A media type with the kind of message it may be sent as (<c>image</c>, <c>audio</c>, <c>document</c>) and its usual extension.</summary>
public sealed record AcceptedFileType(string MediaType, string Kind, string Extension);

internal sealed class GetUploadLimitsQueryHandler : IRequestHandler<GetUploadLimitsQuery, UploadLimitsDto>
{
    private readonly UploadOptions _options;

    public GetUploadLimitsQueryHandler(IOptions<UploadOptions> options) => _options = options.Value;

    public Task<UploadLimitsDto> Handle(GetUploadLimitsQuery request, CancellationToken cancellationToken)
    {
        var accepted = FileSignatures.All
            .Where(_options.Allows)
            .Select(t => new AcceptedFileType(t.MediaType, t.Kind.ToString().ToLowerInvariant(), t.Extension))
            .ToList();
        return Task.FromResult(new UploadLimitsDto(_options.MaxFileBytes, accepted, _options.MaxVoiceDurationMs, _options.MaxAttachmentsPerMessage));
    }
}
