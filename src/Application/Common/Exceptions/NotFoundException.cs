namespace CleanChat.Application.Common.Exceptions;

/// <summary>The target does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string what) : base($"{what} was not found.")
    {
    }
}
