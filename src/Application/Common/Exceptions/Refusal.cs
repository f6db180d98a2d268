using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Exceptions;

/// <summary>What kind of answer an expected refusal is; each transport spells the kinds its own way.</summary>
public enum RefusalKind
{
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    TooManyAttempts,
    TooLarge,
    UnsupportedType,
    Busy,
}

/// <summary>
/// An exception that is an answer to the caller, not a failure of the service. <see cref="From"/> is the one
/// closed list: problem details, socket error frames and the pipeline's error logging all read it, so an
/// exception is expected (and kept out of the error log) exactly when every transport has an answer for it.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The refusal an exception stands for, or null when it is a defect.</summary>
    public static Refusal? From(Exception exception) => exception switch
    {
        RequestValidationException e => new(RefusalKind.Invalid, "validation_failed", string.Join(" ", e.Errors.SelectMany(field => field.Value)), e.Errors),
        FieldRefusedException e => From(e.Rule)! with { Errors = new Dictionary<string, string[]> { [e.Field] = new[] { e.Message } } },
        UnauthenticatedException e => new(RefusalKind.Unauthenticated, "unauthenticated", e.Message),
        DomainPermissionException e => new(RefusalKind.Forbidden, e.Code, e.Message),
        ForbiddenException e => new(RefusalKind.Forbidden, "forbidden", e.Message),
        NotFoundException e => new(RefusalKind.NotFound, "not_found", e.Message),
        ConflictException e => new(RefusalKind.Conflict, e.Code, e.Message),
        DomainRuleViolationException e => new(RefusalKind.Conflict, e.Code, e.Message),
        TooManyAttemptsException e => new(RefusalKind.TooManyAttempts, "too_many_attempts", e.Message, RetryAfter: e.RetryAfter),
        PayloadTooLargeException e => new(RefusalKind.TooLarge, "too_large", e.Message),
        UnsupportedMediaTypeException e => new(RefusalKind.UnsupportedType, "unsupported_type", e.Message),
        ServerBusyException e => new(RefusalKind.Busy, "server_busy", e.Message, RetryAfter: e.RetryAfter),
        _ => null,
    };
}
