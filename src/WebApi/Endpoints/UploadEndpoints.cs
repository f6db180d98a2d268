using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Uploads;
using CleanChat.Application.Uploads.Commands.UploadFile;
using CleanChat.Application.Uploads.Queries.GetUploadedFile;
using CleanChat.Application.Uploads.Queries.GetUploadLimits;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanChat.WebApi.Endpoints;

/// <summary>The guide's upload endpoint, and the stored files served back.</summary>
public static class UploadEndpoints
{
    // Multipart framing around the file: boundaries, part headers, a short field or two.
    private const long MultipartOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat/upload", Upload)
            .WithTags("Uploads").WithSummary("Upload a file (multipart field 'file'); its type is decided from its content")
            .RequireAuthorization().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        app.MapGet("/api/v1/chat/upload/limits", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetUploadLimitsQuery(), ct))
            .WithTags("Uploads").WithSummary("What this server accepts: largest file, media types, longest voice note")
            .RequireAuthorization();

        app.MapGet(UploadedFileDto.UrlPrefix + "{name}", Download)
            .WithTags("Uploads").WithSummary("A stored file; the unguessable name is the key, so browsers can load it in <img> and <audio>");

        return app;
    }

    // Streams the part straight to storage: no buffering of the whole file in memory or in a temporary file.
    private static async Task<Created<UploadedFileDto>> Upload(HttpContext context, IMediator mediator, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.Value.MaxFileBytes + MultipartOverheadBytes;

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new UnsupportedMediaTypeException("Send the file as multipart/form-data in a field named 'file'.");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data")
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            var uploaded = await mediator.Send(new UploadFileCommand(section.Body, fileName), ct);
            return TypedResults.Created(uploaded.FileUrl, uploaded);
        }

        throw new RequestValidationException("file", "The form has no field named 'file'.");
    }

    private static async Task<IResult> Download(string name, HttpContext context, IMediator mediator, CancellationToken ct)
    {
        var file = await mediator.Send(new GetUploadedFileQuery(name), ct);
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";

        // Only images are shown inline; anything else is a download, so no document can run as a page of this origin.
        return file.ShowInline
            ? Results.File(file.Content, file.MediaType, enableRangeProcessing: true)
            : Results.File(file.Content, file.MediaType, file.DownloadName, enableRangeProcessing: true);
    }
}
