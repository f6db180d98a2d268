namespace CleanChat.Application.Common.Exceptions;

/// <summary>The service is past its capacity and refused the request unprocessed; it may be sent again after <see cref="RetryAfter"/>.</summary>
public sealed class ServerBusyException : Exception
{
    public ServerBusyException(TimeSpan retryAfter)
        : base("The server is busy; nothing was done. Send again after the time given.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}
