using CleanChat.Application.Messages;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime.Protocol;

/// <summary>What the gateway says to one socket about the socket itself (as opposed to a chat's notifications).</summary>
public abstract record SocketReply;

/// <summary>The socket is open and authenticated as this participant.</summary>
public sealed record ConnectedReply(ParticipantRef Participant) : SocketReply;

/// <param name="StayId">The stay the client named the chat by, in the hotel protocol.</param>
public sealed record JoinedReply(long ChatId, long? LastMessageId, long? StayId = null) : SocketReply;

/// <param name="StayId">The stay the client named the chat by, in the hotel protocol.</param>
public sealed record LeftReply(long ChatId, long? StayId = null) : SocketReply;

/// <summary>A rejoin missed too much to replay over the socket: fetch history after <see cref="LastSeq"/> over REST instead.</summary>
public sealed record ReloadHistoryReply(long ChatId, long LastSeq) : SocketReply;

/// <summary>A message a rejoining socket missed, in its current state.</summary>
public sealed record ReplayedMessageReply(MessageDto Message) : SocketReply;

public sealed record PongReply(DateTime Timestamp) : SocketReply;

/// <summary>A new access token was accepted on an open socket, which now lives until <paramref name="ExpiresAt"/>.</summary>
public sealed record AuthenticatedReply(DateTime ExpiresAt) : SocketReply;

/// <summary>An error answering one client frame; the connection stays open.</summary>
public sealed record ErrorReply(string Code, string Error, string? RequestType = null, long? ChatId = null, IReadOnlyDictionary<string, string[]>? Errors = null, TimeSpan? RetryAfter = null) : SocketReply;
