namespace CleanChat.Application.Common.Exceptions;

/// <summary>The request clashes with existing data (an e-mail address already registered).</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
