using System.Text.Json.Serialization;
using CleanChat.Application.Messages.Commands.SendMessage;

namespace CleanChat.Infrastructure.Realtime.Protocol;

/// <summary>
/// Any client frame of the protocol (<c>join_chat</c>, <c>send_message</c>, <c>typing</c>, ...): one shape
/// with every field optional, strictly typed, so a wrong type is reported with its field name. The
/// message fields are the REST send body's own.
/// </summary>
public sealed record ClientFrame : SendMessageBody
{
    public string? Type { get; init; }

    public long? ChatId { get; init; }

    public bool? IsTyping { get; init; }

    public long? MessageId { get; init; }

    /// <summary>On <c>authenticate</c>: a fresh access token of the socket's own account.</summary>
    public string? Token { get; init; }

    /// <summary>On <c>join_chat</c>: the last seq this client saw, to be caught up from.</summary>
    public long? LastSeq { get; init; }

    /// <summary>
    /// The hotel protocol names a conversation by its stay (the hotel system's id) instead of the chat id;
    /// the dispatcher finds the chat. Not part of the salon protocol, so never read from its JSON.
    /// </summary>
    [JsonIgnore]
    public long? StayId { get; init; }
}
