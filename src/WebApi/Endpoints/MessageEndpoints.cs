using CleanChat.Application.Messages;
using CleanChat.Application.Messages.Commands.DeleteMessage;
using CleanChat.Application.Messages.Commands.EditMessage;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Application.Messages.Queries.SearchMessages;
using CleanChat.Domain.Chats;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Endpoints;

/// <summary>Messages over HTTP: history, sending, editing, deleting and read pointers.</summary>
public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ChatEndpoints.Prefix).WithTags("Messages").RequireAuthorization();

        group.MapGet("/chats/{chatId:long}/messages", (long chatId, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize,
                [FromQuery(Name = "before_id")] long? beforeId, [FromQuery(Name = "after_id")] long? afterId,
                [FromQuery(Name = "entity_type")] string? entityType, [FromQuery(Name = "entity_id")] long? entityId,
                [FromQuery(Name = "after_seq")] long? afterSeq, [FromQuery(Name = "search")] string? search) =>
            mediator.Send(new GetChatHistoryQuery(chatId, page ?? 1, pageSize ?? GetChatHistoryQuery.DefaultPageSize, beforeId, afterId, entityType, entityId, afterSeq, search), ct))
            .WithSummary("Message history, newest first; page/page_size, or keyset cursors before_id/after_id/after_seq; entity_type (+ entity_id) filter; search for words");

        group.MapGet("/search", (IMediator mediator, CancellationToken ct, [FromQuery(Name = "q")] string? q,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize) =>
            mediator.Send(new SearchMessagesQuery(q, page ?? 1, pageSize ?? SearchMessagesQuery.DefaultPageSize), ct))
            .WithSummary("Messages with all the words of q in the chats I may see, best first, each with a snippet (<mark> around matches, the rest HTML-escaped)");

        group.MapPost("/chats/{chatId:long}/messages", async Task<Created<MessageDto>> (long chatId, SendMessageBody body, IMediator mediator, CancellationToken ct) =>
        {
            var message = await mediator.Send(body.ToCommand(chatId), ct);
            return TypedResults.Created((string?)null, message);
        }).WithSummary("Send a message over HTTP; a retry with the same client_message_id returns the original instead of a copy")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/chats/{chatId:long}/read", (long chatId, MarkReadRequest body, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new MarkMessagesReadCommand(chatId, body.MessageId), ct))
            .WithSummary("Mark every message up to message_id (without one: every message so far) as read").ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/messages/{messageId:long}", (long messageId, EditMessageRequest body, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new EditMessageCommand(messageId, body.Content ?? string.Empty), ct))
            .WithSummary("Edit your own text message within 15 minutes of sending").ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/messages/{messageId:long}", async Task<NoContent> (long messageId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteMessageCommand(messageId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a message (sender or salon admin); content is hidden from everyone");

        return app;
    }

    public sealed record EditMessageRequest(string? Content);

    public sealed record MarkReadRequest(long? MessageId);
}
