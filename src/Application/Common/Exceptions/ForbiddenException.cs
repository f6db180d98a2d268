namespace CleanChat.Application.Common.Exceptions;

/// <summary>The caller is known, but this kind of caller may not do this (a customer creating staff users).</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException(string message = "You are not allowed to do this.") : base(message)
    {
    }
}
