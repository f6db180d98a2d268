namespace CleanChat.Application.Common.Exceptions;

/// <summary>No valid identity: missing token, or wrong credentials at login.</summary>
public sealed class UnauthenticatedException : Exception
{
    public UnauthenticatedException(string message = "Authentication is required.") : base(message)
    {
    }
}
