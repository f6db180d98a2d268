using CleanChat.Application.Chats.Commands.StartPeerChat;
using CleanChat.Application.Chats.Queries.GetPeerChat;
using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Application.Chats.Queries.ListPeerChats;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Domain.Chats;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Dialects.Marketplace;

/// <summary>
/// The marketplace's conversations API (docs/dialects.md): peer chats between members, in the shapes its
/// frontend was written against. Each route sends one core request and maps the answer; nothing more.
/// </summary>
public static class MarketplaceEndpoints
{
    public const string Prefix = "/api/v1/chat";

    public static IEndpointRouteBuilder MapMarketplaceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Marketplace conversations").RequireAuthorization().AddEndpointFilter<CustomersOnly>();

        group.MapGet("/conversations", async Task<MarketplaceConversationList> (IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize,
                [FromQuery(Name = "conversation_type")] string? conversationType, [FromQuery(Name = "search")] string? search) =>
            {
                var found = await mediator.Send(new ListPeerChatsQuery(page ?? 1, pageSize ?? ListChatsPaging.DefaultPageSize, conversationType, search), ct);
                return new MarketplaceConversationList(found.Chats.Select(MarketplaceMapper.ToConversation).ToList(), found.Total, found.Page, found.PageSize);
            })
            .WithSummary("My conversations, most recently active first; conversation_type and search (member name, context title, message text) filter");

        group.MapPost("/conversations", async Task<Results<Created<MarketplaceConversation>, Ok<MarketplaceConversation>>> (StartConversationRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var started = await mediator.Send(new StartPeerChatCommand(body.User2Id ?? 0, body.ConversationType ?? "general", body.ContextId, body.ContextTitle, body.InitialMessage), ct);
                var conversation = MarketplaceMapper.ToConversation(new Application.Chats.PeerChatDto(started.Chat, started.Chat.Participants.FirstOrDefault(p => p.ParticipantId == body.User2Id), null));
                return started.Created
                    ? TypedResults.Created($"{Prefix}/conversations/{conversation.ConversationId}", conversation)
                    : TypedResults.Ok(conversation);
            })
            .AddEndpointFilter(new WireFieldNames(("other_customer_id", "user2_id"), ("context_type", "conversation_type")))
            .WithSummary("Start a conversation with another member about a service, a request or nothing in particular; an existing one for the same two members and context is returned (200) instead")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/conversations/{conversationId:long}", async Task<MarketplaceConversation> (long conversationId, IMediator mediator, CancellationToken ct) =>
                MarketplaceMapper.ToConversation(await mediator.Send(new GetPeerChatQuery(conversationId), ct)))
            .WithSummary("One of my conversations").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/conversations/{conversationId:long}/messages", async Task<MarketplaceMessageList> (long conversationId, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize,
                [FromQuery(Name = "before_id")] long? beforeId, [FromQuery(Name = "after_id")] long? afterId, [FromQuery(Name = "search")] string? search) =>
            {
                var history = await mediator.Send(new GetChatHistoryQuery(conversationId, page ?? 1, pageSize ?? GetChatHistoryQuery.DefaultPageSize, beforeId, afterId, Search: search), ct);
                return new MarketplaceMessageList(history.Messages.Select(MarketplaceMapper.ToMessage).ToList(), history.Total, history.Page, history.PageSize, history.HasMore);
            })
            .WithSummary("Messages, newest first; page/page_size or the keyset cursors before_id/after_id; search in message text")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/conversations/{conversationId:long}/read", (long conversationId, MarkConversationReadRequest? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MarkMessagesReadCommand(conversationId, body?.MessageId), ct))
            .WithSummary("Mark read up to message_id, or everything so far").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/messages", async Task<Created<MarketplaceMessage>> (SendMarketplaceMessageRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var conversationId = body.ConversationId ?? throw new RequestValidationException("ConversationId", "Give the conversation_id to send to.");
                var sent = await mediator.Send(new SendMessageCommand(conversationId, body.MessageType ?? MessageType.Text, body.Content, body.FileUrl), ct);
                return TypedResults.Created((string?)null, MarketplaceMapper.ToMessage(sent));
            })
            .AddEndpointFilter(new WireFieldNames(("chat_id", "conversation_id"), ("media_url", "file_url")))
            .WithSummary("Send a message to a conversation (text, or an upload's file_url as image or file)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
