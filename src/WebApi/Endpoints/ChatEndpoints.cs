using CleanChat.Application.Chats;
using CleanChat.Application.Chats.Commands.ArchiveChat;
using CleanChat.Application.Chats.Commands.CreateChat;
using CleanChat.Application.Chats.Commands.ManageParticipants;
using CleanChat.Application.Chats.Queries.GetChat;
using CleanChat.Application.Chats.Queries.GetChatStats;
using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Domain.Common;
using CleanChat.Application.Connections.Queries.GetConnectionStats;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Endpoints;

/// <summary>Chats: creation, lists, details, archive state and membership. Each method sends one request.</summary>
public static class ChatEndpoints
{
    public const string Prefix = "/api/v1/chat";

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chats = app.MapGroup(Prefix).WithTags("Chats").RequireAuthorization();

        chats.MapPost("/chats", async Task<Created<ChatDto>> (CreateChatRequest body, IMediator mediator, CancellationToken ct) =>
            Created(await mediator.Send(new CreateChatCommand(body.CustomerId, body.UserId, body.Title, body.InitialMessage, body.CustomerPhone), ct)))
            .WithSummary("Staff open a chat with a customer (customer_id or customer_phone) or a colleague (user_id)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        chats.MapPost("/chats/customer", async Task<Created<ChatDto>> (CreateCustomerChatRequest body, IMediator mediator, CancellationToken ct) =>
            Created(await mediator.Send(new CreateCustomerChatCommand(body.UserId ?? 0, body.Title, body.InitialMessage), ct)))
            .WithSummary("A customer opens a chat with a salon's staff user")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        chats.MapGet("/chats", (IMediator mediator, CancellationToken ct, [FromQuery(Name = "is_archived")] bool? isArchived,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize) =>
            mediator.Send(new ListStaffChatsQuery(isArchived, page ?? 1, pageSize ?? ListChatsPaging.DefaultPageSize), ct))
            .WithSummary("Staff: my chats (salon admins: all chats of the salon)");

        chats.MapGet("/chats/customer", (IMediator mediator, CancellationToken ct, [FromQuery(Name = "is_archived")] bool? isArchived,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize) =>
            mediator.Send(new ListCustomerChatsQuery(isArchived, page ?? 1, pageSize ?? ListChatsPaging.DefaultPageSize), ct))
            .WithSummary("Customer: my chats");

        chats.MapGet("/chats/{chatId:long}", (long chatId, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new GetChatQuery(chatId), ct))
            .WithSummary("Chat details with participants, unread counts and presence");

        chats.MapPost("/chats/{chatId:long}/archive", async Task<NoContent> (long chatId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ArchiveChatCommand(chatId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Archive a chat (readable, but takes no new messages)");

        chats.MapPost("/chats/{chatId:long}/unarchive", async Task<NoContent> (long chatId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new UnarchiveChatCommand(chatId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Unarchive a chat");

        chats.MapPost("/chats/{chatId:long}/participants", async Task<NoContent> (long chatId, AddParticipantRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new AddParticipantCommand(chatId, body.ParticipantType ?? 0, body.ParticipantId ?? 0), ct);
            return TypedResults.NoContent();
        }).WithSummary("Add a staff user of the salon or a customer to a chat").ProducesProblem(StatusCodes.Status409Conflict);

        chats.MapDelete("/chats/{chatId:long}/participants/{participantType}/{participantId:long}",
            async Task<NoContent> (long chatId, string participantType, long participantId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveParticipantCommand(chatId, ParticipantTypeRoute.Parse(participantType), participantId), ct);
                return TypedResults.NoContent();
            }).WithSummary("Remove a participant from a chat").ProducesProblem(StatusCodes.Status409Conflict);

        chats.MapGet("/stats", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetChatStatsQuery(), ct))
            .WithTags("Stats").WithSummary("Counters over the caller's chats");

        chats.MapGet("/connections/stats", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetConnectionStatsQuery(), ct))
            .WithTags("Stats").WithSummary("Salon admins: the salon's open sockets, who is online, and frames per second over the last minute")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static Created<ChatDto> Created(ChatDto chat) => TypedResults.Created($"{Prefix}/chats/{chat.Id}", chat);

    public sealed record CreateChatRequest(long? CustomerId, long? UserId, string? Title, string? InitialMessage, string? CustomerPhone = null);

    public sealed record CreateCustomerChatRequest(long? UserId, string? Title, string? InitialMessage);

    public sealed record AddParticipantRequest(ParticipantType? ParticipantType, long? ParticipantId);
}
