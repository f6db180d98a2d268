namespace CleanChat.Application.Common.Exceptions;

/// <summary>The caller tried too often (logins); they may try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyAttemptsException : Exception
{
    public TooManyAttemptsException(TimeSpan retryAfter)
        : base("Too many attempts; try again later.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}
