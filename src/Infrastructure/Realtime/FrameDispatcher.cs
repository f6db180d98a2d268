using System.Collections.Frozen;
using CleanChat.Application.Chats.Commands.SendTyping;
using CleanChat.Application.Chats.Queries.JoinChat;
using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Application.Stays.Queries.FindStayConversation;
using CleanChat.Application.Stays.Queries.ListStayConversations;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Realtime.Protocol;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Turns one client frame into the same MediatR request REST sends, run in a scope of its own as the
/// socket's owner; answers with a frame. No chat rule lives here: authorization, validation and the
/// aggregates decide, exactly as for HTTP.
/// </summary>
public sealed class FrameDispatcher
{
    private readonly IServiceScopeFactory _scopes;
    private readonly RealtimeGateway _gateway;
    private readonly JwtTokenService _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<FrameDispatcher> _logger;

    public FrameDispatcher(IServiceScopeFactory scopes, RealtimeGateway gateway, JwtTokenService tokens, TimeProvider time, ILogger<FrameDispatcher> logger)
    {
        _scopes = scopes;
        _gateway = gateway;
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    public async Task DispatchAsync(RealtimeConnection connection, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ClientFrame frame;
        try
        {
            frame = connection.Codec.Decode(payload.Span);
        }
        catch (RealtimeProtocolException ex)
        {
            connection.TrySend(new ErrorReply(ex.Code, ex.Message));
            return;
        }

        var type = frame.Type!;
        try
        {
            await HandleAsync(connection, type, frame, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            connection.TrySend(ToErrorReply(ex, type, frame.ChatId ?? connection.HomeChatId));
        }
    }

    /// <summary>Every client frame type the protocol has; anything else is answered with <c>unknown_type</c>.</summary>
    public static IReadOnlyCollection<string> FrameTypes => Handlers.Keys;

    private delegate Task FrameHandler(FrameDispatcher dispatcher, RealtimeConnection connection, ClientFrame frame, CancellationToken cancellationToken);

    // One entry per frame type: this table is what the protocol accepts (the AsyncAPI contract is checked against it).
    private static readonly FrozenDictionary<string, FrameHandler> Handlers = new Dictionary<string, FrameHandler>
    {
        ["ping"] = static (d, connection, _, _) =>
        {
            connection.TrySend(new PongReply(d._time.GetUtcNow().UtcDateTime));
            return Task.CompletedTask;
        },
        ["authenticate"] = static (d, connection, frame, _) => d.ReauthenticateAsync(connection, frame),
        ["join_chat"] = static (d, connection, frame, ct) => d.JoinAsync(connection, frame, ct),
        ["leave_chat"] = static async (d, connection, frame, ct) =>
            d._gateway.Leave(connection, await d.ChatOfAsync(connection, frame, ct), frame.StayId),
        ["send_message"] = static async (d, connection, frame, ct) =>
            await d.SendAsync(connection, frame.ToCommand(frame.StayId is null ? JoinedChat(connection, frame) : await d.ChatOfAsync(connection, frame, ct)), ct),
        ["typing"] = static (d, connection, frame, ct) =>
            d.SendAsync(connection, new SendTypingCommand(JoinedChat(connection, frame), Required(frame.IsTyping, "is_typing")), ct),
        ["read_message"] = static (d, connection, frame, ct) =>
            d.SendAsync(connection, new MarkMessagesReadCommand(JoinedChat(connection, frame), Required(frame.MessageId, "message_id")), ct),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Task HandleAsync(RealtimeConnection connection, string type, ClientFrame frame, CancellationToken cancellationToken)
    {
        if (Handlers.TryGetValue(type, out var handler))
            return handler(this, connection, frame, cancellationToken);

        connection.TrySend(new ErrorReply("unknown_type", $"Unknown frame type '{type}'.", type, frame.ChatId));
        return Task.CompletedTask;
    }

    // A fresh access token for an open socket, so it need not drop when the one it opened with runs out.
    // It must be valid and name the socket's own account; anything else closes the socket, as the same
    // token at the handshake would have been refused.
    private async Task ReauthenticateAsync(RealtimeConnection connection, ClientFrame frame)
    {
        if (await _tokens.ValidateAsync(frame.Token) is not { } identity)
        {
            connection.RequestClose(CloseCodes.PolicyViolation, "Invalid or expired token");
            return;
        }

        if (identity.Caller.Participant != connection.Participant)
        {
            connection.RequestClose(CloseCodes.PolicyViolation, "Token of another account");
            return;
        }

        _gateway.ExtendExpiry(connection, identity.ExpiresAt);
        connection.TrySend(new AuthenticatedReply(identity.ExpiresAt));
    }

    private async Task JoinAsync(RealtimeConnection connection, ClientFrame frame, CancellationToken cancellationToken)
    {
        var chatToJoin = await ChatOfAsync(connection, frame, cancellationToken);
        var joined = await SendAsync(connection, new JoinChatQuery(chatToJoin, frame.LastSeq), cancellationToken);
        if (frame.LastSeq is { } lastSeq)
            await JoinAndReplayAsync(connection, chatToJoin, joined, lastSeq, cancellationToken);
        else
            _gateway.Join(connection, chatToJoin, joined.LastMessageId, joined.SalonId, frame.StayId);
    }

    // The chat a frame names: by id, or (the hotel protocol) by its stay, which the core looks up with the
    // socket owner's rights, so a stay of another hotel or another guest is as unknown as a missing one.
    private async Task<long> ChatOfAsync(RealtimeConnection connection, ClientFrame frame, CancellationToken cancellationToken) =>
        frame.StayId is { } stayId
            ? await SendAsync(connection, new FindStayConversationQuery(stayId), cancellationToken)
            : Required(frame.ChatId, "chat_id");

    /// <summary>
    /// A guest's socket of a protocol whose guests follow their stays (<see cref="IRealtimeCodec.CustomersFollowTheirStays"/>):
    /// joins the conversations of their stays, the newest first, up to a page of them.
    /// </summary>
    public async Task FollowOwnStaysAsync(RealtimeConnection connection, CancellationToken cancellationToken)
    {
        var stays = await SendAsync(connection, new ListStayConversationsQuery(Active: null, PageSize: ListChatsPaging.MaxPageSize), cancellationToken);
        foreach (var stay in stays.Conversations)
            _gateway.Join(connection, stay.Chat.Id, lastMessageId: null, stay.Chat.SalonId);
    }

    // A reconnecting client names the last seq it saw; it gets what it missed (as it is now: edited or
    // deleted), then the live stream, with nothing lost or repeated in between. Too much missed: it is
    // told to reload over REST rather than flooded.
    private async Task JoinAndReplayAsync(RealtimeConnection connection, long chatId, JoinedChatDto joined, long lastSeq, CancellationToken cancellationToken)
    {
        _gateway.BeginCatchUp(connection, chatId, joined.LastMessageId, joined.SalonId);
        var replayedUpTo = lastSeq;
        try
        {
            var missed = await SendAsync(connection, new GetChatHistoryQuery(chatId, PageSize: _gateway.Options.MaxReplayMessages, AfterSeq: lastSeq), cancellationToken);
            if (missed.HasMore)
            {
                // The reload fetches everything committed so far, so announcements of messages committed
                // before the join, still on their way, must not follow it as live frames.
                connection.TrySend(new ReloadHistoryReply(chatId, lastSeq));
                replayedUpTo = Math.Max(lastSeq, joined.LastSeq);
                return;
            }

            foreach (var message in missed.Messages.OrderBy(m => m.Seq))
            {
                connection.TrySend(new ReplayedMessageReply(message));
                replayedUpTo = message.Seq;
            }
        }
        finally
        {
            _gateway.EndCatchUp(connection, chatId, replayedUpTo);
        }
    }

    /// <summary>
    /// Opens a socket bound to one conversation (<see cref="RealtimeConnection.HomeChatId"/>): joins it,
    /// which the client hears as its join acknowledgement, and marks everything in it read, as the
    /// mentoring protocol does on connect. False when the owner may no longer follow the chat.
    /// </summary>
    public async Task<bool> OpenHomeChatAsync(RealtimeConnection connection, long chatId, CancellationToken cancellationToken)
    {
        connection.BindTo(chatId);
        try
        {
            var joined = await SendAsync(connection, new JoinChatQuery(chatId), cancellationToken);
            _gateway.Join(connection, chatId, joined.LastMessageId, joined.SalonId);
            if (joined.LastMessageId is not null)
                await SendAsync(connection, new MarkMessagesReadCommand(chatId, null), cancellationToken);
            return true;
        }
        catch (Exception ex) when (Refusal.From(ex) is not null)
        {
            return false;
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(RealtimeConnection connection, IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentCaller>().Use(connection.Caller);
        scope.ServiceProvider.GetRequiredService<RealtimeFrameContext>().OriginConnectionId = connection.Id;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    // The guide's rule: a socket talks in a chat only after join_chat (which checked membership). A socket
    // bound to one conversation joined it when it opened, and left it if its owner was removed from it.
    private static long JoinedChat(RealtimeConnection connection, ClientFrame frame)
    {
        var chatId = Required(frame.ChatId ?? connection.HomeChatId, "chat_id");
        return connection.HasJoined(chatId)
            ? chatId
            : throw new RealtimeProtocolException("not_joined", $"Send join_chat for chat {chatId} first.");
    }

    private static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new RequestValidationException(field, $"{field} is required.");

    private ErrorReply ToErrorReply(Exception exception, string type, long? chatId) => exception switch
    {
        RealtimeProtocolException e => new ErrorReply(e.Code, e.Message, type, chatId),
        _ when Refusal.From(exception) is { } refusal => new ErrorReply(refusal.Code, refusal.Message, type, chatId, refusal.Errors, refusal.RetryAfter),
        _ => Unexpected(exception, type, chatId),
    };

    private ErrorReply Unexpected(Exception exception, string type, long? chatId)
    {
        _logger.LogError(exception, "Handling a {FrameType} frame failed unexpectedly", type);
        return new ErrorReply("internal_error", "The server could not handle this frame.", type, chatId);
    }
}
