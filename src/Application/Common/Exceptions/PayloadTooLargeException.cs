namespace CleanChat.Application.Common.Exceptions;

/// <summary>An upload is larger than the service accepts (413).</summary>
public sealed class PayloadTooLargeException : Exception
{
    public PayloadTooLargeException(string message) : base(message)
    {
    }
}
