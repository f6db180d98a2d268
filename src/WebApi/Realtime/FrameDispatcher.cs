using System.Text.Json;
using CleanChat.Application.Chats.Commands.SendTyping;
using CleanChat.Application.Chats.Queries.JoinChat;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Serialization;
using CleanChat.WebApi.Infrastructure;
using MediatR;

namespace CleanChat.WebApi.Realtime;

/// <summary>
/// Turns one client frame into the same MediatR request REST sends, run in a scope of its own as the
/// socket's owner; answers with a frame. No chat rule lives here: authorization, validation and the
/// aggregates decide, exactly as for HTTP.
/// </summary>
internal sealed class FrameDispatcher
{
    private readonly IServiceScopeFactory _scopes;
    private readonly RealtimeGateway _gateway;
    private readonly TimeProvider _time;
    private readonly ILogger<FrameDispatcher> _logger;

    public FrameDispatcher(IServiceScopeFactory scopes, RealtimeGateway gateway, TimeProvider time, ILogger<FrameDispatcher> logger)
    {
        _scopes = scopes;
        _gateway = gateway;
        _time = time;
        _logger = logger;
    }

    public async Task DispatchAsync(RealtimeConnection connection, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ClientFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize<ClientFrame>(payload.Span, CleanChatJson.Options);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            connection.TrySend(ServerFrames.Error("invalid_frame", field is null
                ? "The frame is not a JSON object of the protocol."
                : $"Field '{field}' is missing or of the wrong type."));
            return;
        }

        if (frame?.Type is not { } type)
        {
            connection.TrySend(ServerFrames.Error("invalid_frame", "The frame has no 'type'."));
            return;
        }

        try
        {
            await HandleAsync(connection, type, frame, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            connection.TrySend(ToErrorFrame(ex, type, frame.ChatId));
        }
    }

    private async Task HandleAsync(RealtimeConnection connection, string type, ClientFrame frame, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case "ping":
                connection.TrySend(ServerFrames.Pong(_time.GetUtcNow().UtcDateTime));
                return;

            case "join_chat":
                var chatToJoin = Required(frame.ChatId, "chat_id");
                var joined = await SendAsync(connection, new JoinChatQuery(chatToJoin, frame.LastSeq), cancellationToken);
                if (frame.LastSeq is { } lastSeq)
                    await JoinAndReplayAsync(connection, chatToJoin, joined.LastMessageId, lastSeq, cancellationToken);
                else
                    _gateway.Join(connection, chatToJoin, joined.LastMessageId);
                return;

            case "leave_chat":
                _gateway.Leave(connection, Required(frame.ChatId, "chat_id"));
                return;

            case "send_message":
                await SendAsync(connection, new SendMessageCommand(JoinedChat(connection, frame), frame.MessageType ?? MessageType.Text,
                    frame.Content, frame.MediaUrl, frame.ReplyToMessageId, frame.EntityType, frame.EntityId, frame.EntityTitle, frame.ClientMessageId, frame.DurationMs), cancellationToken);
                return;

            case "typing":
                await SendAsync(connection, new SendTypingCommand(JoinedChat(connection, frame), Required(frame.IsTyping, "is_typing")), cancellationToken);
                return;

            case "read_message":
                await SendAsync(connection, new MarkMessagesReadCommand(JoinedChat(connection, frame), Required(frame.MessageId, "message_id")), cancellationToken);
                return;

            default:
                connection.TrySend(ServerFrames.Error("unknown_type", $"Unknown frame type '{type}'.", type, frame.ChatId));
                return;
        }
    }

    // A reconnecting client names the last seq it saw; it gets what it missed (as it is now: edited or
    // deleted), then the live stream, with nothing lost or repeated in between. Too much missed: it is
    // told to reload over REST rather than flooded.
    private async Task JoinAndReplayAsync(RealtimeConnection connection, long chatId, long? lastMessageId, long lastSeq, CancellationToken cancellationToken)
    {
        _gateway.BeginCatchUp(connection, chatId, lastMessageId);
        var replayedUpTo = lastSeq;
        try
        {
            var missed = await SendAsync(connection, new GetChatHistoryQuery(chatId, PageSize: _gateway.Options.MaxReplayMessages, AfterSeq: lastSeq), cancellationToken);
            if (missed.HasMore)
            {
                connection.TrySend(ServerFrames.ReloadHistory(chatId, lastSeq));
                return;
            }

            foreach (var message in missed.Messages.OrderBy(m => m.Seq))
            {
                connection.TrySend(ServerFrames.Message(message));
                replayedUpTo = message.Seq;
            }
        }
        finally
        {
            _gateway.EndCatchUp(connection, chatId, replayedUpTo);
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(RealtimeConnection connection, IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCaller>().Use(connection.Caller);
        scope.ServiceProvider.GetRequiredService<RealtimeFrameContext>().OriginConnectionId = connection.Id;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    // The guide's rule: a socket talks in a chat only after join_chat (which checked membership).
    private static long JoinedChat(RealtimeConnection connection, ClientFrame frame)
    {
        var chatId = Required(frame.ChatId, "chat_id");
        return connection.HasJoined(chatId)
            ? chatId
            : throw new RealtimeProtocolException("not_joined", $"Send join_chat for chat {chatId} first.");
    }

    private static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new RequestValidationException(field, $"{field} is required.");

    private ReadOnlyMemory<byte> ToErrorFrame(Exception exception, string type, long? chatId) => exception switch
    {
        RealtimeProtocolException e => ServerFrames.Error(e.Code, e.Message, type, chatId),
        _ when Refusal.From(exception) is { } refusal => ServerFrames.Error(refusal.Code, refusal.Message, type, chatId, refusal.Errors),
        _ => Unexpected(exception, type, chatId),
    };

    private ReadOnlyMemory<byte> Unexpected(Exception exception, string type, long? chatId)
    {
        _logger.LogError(exception, "Handling a {FrameType} frame failed unexpectedly", type);
        return ServerFrames.Error("internal_error", "The server could not handle this frame.", type, chatId);
    }
}

/// <summary>A frame that breaks the socket protocol itself (not a chat rule).</summary>
internal sealed class RealtimeProtocolException : Exception
{
    public RealtimeProtocolException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
