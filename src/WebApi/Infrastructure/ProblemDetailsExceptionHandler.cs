using System.Text.Json;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Turns the closed set of expected exceptions into RFC 9457 problem details; anything else becomes a 500
/// that reveals nothing of the internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problemDetails;

    public ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) => _problemDetails = problemDetails;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException validation => new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            BadHttpRequestException badRequest => FromBadRequest(badRequest),
            UnauthenticatedException e => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", e.Message),
            DomainPermissionException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message, e.Code),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message, e.Code),
            DomainRuleViolationException e => Problem(StatusCodes.Status409Conflict, "The request breaks a rule", e.Message, e.Code),
            TooManyAttemptsException e => TooMany(httpContext, e.RetryAfter),
            PayloadTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "File too large", e.Message),
            UnsupportedMediaTypeException e => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type", e.Message),
            _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await _problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static void SetRetryAfter(HttpContext httpContext, TimeSpan retryAfter) =>
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ProblemDetails TooMany(HttpContext httpContext, TimeSpan retryAfter)
    {
        SetRetryAfter(httpContext, retryAfter);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "Too many attempts; try again later.");
    }

    // Malformed JSON, a wrong-typed field or an unparsable query value: name the field when the parser says which.
    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 2 } path })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = new[] { "The value is missing or of the wrong type." } })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            };
        }

        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than this endpoint accepts."),
            StatusCodes.Status415UnsupportedMediaType => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", exception.Message),
            _ => Problem(exception.StatusCode, "The request is malformed.", exception.InnerException is JsonException
                ? "The body is not valid JSON of the expected shape."
                : exception.Message),
        };
    }

    private static ProblemDetails Problem(int status, string title, string? detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
            problem.Extensions["code"] = code;
        return problem;
    }
}
