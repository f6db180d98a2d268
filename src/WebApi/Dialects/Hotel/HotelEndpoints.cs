using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Application.Stays.Commands.CreateStay;
using CleanChat.Application.Stays.Commands.UpdateStay;
using CleanChat.Application.Stays.Queries.ListStayConversations;
using CleanChat.Domain.Chats;
using CleanChat.Infrastructure.Realtime.Protocol.Hotel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Dialects.Hotel;

/// <summary>
/// The hotel guest messaging API (docs/dialects.md): stays and their conversations under
/// <c>/api/message_manager/</c>, in the shapes its staff dashboard and guest app were written against.
/// </summary>
public static class HotelEndpoints
{
    public const string Prefix = "/api/message_manager";

    public static IEndpointRouteBuilder MapHotelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Hotel messaging").RequireAuthorization();

        group.MapPost("/stays", async Task<Created<HotelStay>> (CreateStayRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateStayCommand(body.StayId ?? 0, body.CustomerId, body.Guest?.PhoneNumber, body.Guest?.Name,
                    body.RoomNumber ?? string.Empty, body.CheckIn, body.CheckOut), ct);
                return TypedResults.Created($"{Prefix}/stays/{created.Stay.StayId}/", HotelStay.From(created));
            })
            .WithSummary("Staff (or the hotel's system): record a guest's stay; its conversation opens with a welcome")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPatch("/stays/{stayId:long}", async Task<HotelStay> (long stayId, UpdateStayRequest body, IMediator mediator, CancellationToken ct) =>
                HotelStay.From(await mediator.Send(new UpdateStayCommand(stayId, body.RoomNumber, body.CheckIn, body.CheckOut, body.CheckedOut ?? false), ct)))
            .WithSummary("Staff: change a stay (room, dates) or check the guest out (the conversation is archived)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/conversations", async Task<HotelPage<HotelConversation>> (HttpRequest request, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "active")] bool? active, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize) =>
            {
                var found = await mediator.Send(new ListStayConversationsQuery(active, page ?? 1, pageSize ?? ListChatsPaging.DefaultPageSize), ct);
                return HotelPage<HotelConversation>.Of(request, found.Conversations.Select(HotelShapes.ToConversation).ToList(), found.Total, found.Page,
                    hasMore: found.Page * found.PageSize < found.Total);
            })
            .WithSummary("Staff: every stay conversation of the hotel; a guest: their own. Most recently active first; active=true|false");

        group.MapGet("/conversations/{conversationId:long}/messages", async Task<HotelPage<HotelMessage>> (long conversationId, HttpRequest request, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize, [FromQuery(Name = "before_id")] long? beforeId) =>
            {
                var history = await mediator.Send(new GetChatHistoryQuery(conversationId, page ?? 1, pageSize ?? GetChatHistoryQuery.DefaultPageSize, beforeId), ct);

                // The newest page first, as the core pages; within a page the dashboard reads top to bottom.
                var messages = history.Messages.Reverse().Select(HotelShapes.ToMessage).ToList();
                return HotelPage<HotelMessage>.Of(request, messages, history.Total, history.Page, history.HasMore);
            })
            .WithSummary("A conversation's messages: the newest page by default, oldest first within the page (page, page_size, before_id)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/conversations/{conversationId:long}/send_message", async Task<Created<HotelMessage>> (long conversationId, SendHotelMessageRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var sent = await mediator.Send(new SendMessageCommand(conversationId, MessageType.Text, body.Text), ct);
                return TypedResults.Created((string?)null, HotelShapes.ToMessage(sent));
            })
            .WithSummary("Post a message; the sender is staff or guest by who calls (staff take part by posting)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
