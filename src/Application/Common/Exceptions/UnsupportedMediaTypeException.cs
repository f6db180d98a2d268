namespace CleanChat.Application.Common.Exceptions;

/// <summary>An upload's content is of a type the service does not take (415).</summary>
public sealed class UnsupportedMediaTypeException : Exception
{
    public UnsupportedMediaTypeException(string message) : base(message)
    {
    }
}
