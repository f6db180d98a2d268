using System.Text.Json;

namespace CleanChat.Application.Common.Exceptions;

/// <summary>Input that cannot be accepted; carries every problem found, per field (snake_case, as clients send them).</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid.") => Errors = errors;

    public RequestValidationException(string field, string error)
        : this(new Dictionary<string, string[]> { [ToWireName(field)] = new[] { error } })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>"ReplyToMessageId" becomes "reply_to_message_id"; nested names keep their dots.</summary>
    public static string ToWireName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => JsonNamingPolicy.SnakeCaseLower.ConvertName(part)));
}
