using System.Text.Json;
using CleanChat.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Turns refusals (the closed list in <see cref="Refusal"/>) and the framework's own bad-request errors into
/// RFC 9457 problem details; anything else becomes a 500 that reveals nothing of the internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problemDetails;

    public ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) => _problemDetails = problemDetails;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException badRequest => FromBadRequest(badRequest),
            _ when Refusal.From(exception) is { } refusal => FromRefusal(httpContext, refusal),
            _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await _problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromRefusal(HttpContext httpContext, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retryAfter)
            SetRetryAfter(httpContext, retryAfter);

        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Invalid => (StatusCodes.Status400BadRequest, "The request is invalid."),
            RefusalKind.Unauthenticated => (StatusCodes.Status401Unauthorized, "Unauthorized"),
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RefusalKind.Conflict => (StatusCodes.Status409Conflict, "The request breaks a rule"),
            RefusalKind.TooManyAttempts => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            RefusalKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, "File too large"),
            RefusalKind.UnsupportedType => (StatusCodes.Status415UnsupportedMediaType, "Unsupported file type"),
            RefusalKind.Busy => (StatusCodes.Status503ServiceUnavailable, "Server busy"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "A refusal kind without an HTTP status."),
        };

        // The fields at fault, under `errors` whatever the kind: a file that is not the sender's is a 403
        // naming which of the message's files it is.
        if (refusal.Errors is { } errors)
        {
            var invalid = new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status, Title = title };
            if (refusal.Kind != RefusalKind.Invalid)
                invalid.Detail = refusal.Message;
            invalid.Extensions["code"] = refusal.Code;
            return invalid;
        }

        var problem = Problem(status, title, refusal.Message, refusal.Code);
        if (refusal.RetryAfter is { } wait)
            problem.Extensions["retry_after_ms"] = (long)Math.Ceiling(wait.TotalMilliseconds);
        return problem;
    }

    public static void SetRetryAfter(HttpContext httpContext, TimeSpan retryAfter) =>
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
