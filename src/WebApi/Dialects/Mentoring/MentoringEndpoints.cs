using CleanChat.Application.Chats.Queries.GetChatProfiles;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Mentoring.Queries.FindMentoringConversation;
using CleanChat.Application.Mentoring.Queries.ListMentoringConversations;
using CleanChat.Application.Messages.Commands.MarkMessagesRead;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Realtime.Protocol.Mentoring;
using CleanChat.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Dialects.Mentoring;

/// <summary>
/// The REST half of the mentoring seed: a teacher's list of student conversations and the messages of a
/// conversation, in the <c>new_message</c> message shape. The session cookie or a bearer token signs in.
/// Fetching messages marks the other side's read first, as the seed's server does.
/// </summary>
public static class MentoringEndpoints
{
    public static IEndpointRouteBuilder MapMentoringEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/chat").WithTags("Mentoring").RequireAuthorization().WithMetadata(new AcceptsSessionCookieAttribute());

        group.MapGet("/teacher/conversations", async Task<IReadOnlyList<MentoringConversation>> (HttpContext context, IMediator mediator, CancellationToken ct) =>
            {
                var viewer = Viewer(context);
                var found = await mediator.Send(new ListMentoringConversationsQuery(), ct);
                return found.Select(c => MentoringShapes.ToConversation(c, viewer)).ToList();
            })
            .WithSummary("Teachers and trainers: my conversations with students, most recently active first (at most 500)");

        group.MapGet("/teacher/conversations/{conversationId:long}/messages", (long conversationId, HttpContext context, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize, [FromQuery(Name = "before_id")] long? beforeId) =>
                PageAsync(context, mediator, conversationId, page, pageSize, beforeId, ct))
            .WithSummary("A conversation's messages, newest first (page, page_size, before_id); marks the other side's messages read")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/my-conversation/messages", async (HttpContext context, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize, [FromQuery(Name = "before_id")] long? beforeId) =>
            {
                var conversation = await mediator.Send(new FindMentoringConversationQuery(), ct);
                if (!conversation.HasMentor)
                    throw new NotFoundException("Mentor");
                return conversation.ChatId is { } chatId
                    ? await PageAsync(context, mediator, chatId, page, pageSize, beforeId, ct)
                    : new MentoringMessagePage(Array.Empty<MentoringMessage>(), page ?? 1, pageSize ?? GetChatHistoryQuery.DefaultPageSize, HasMore: false);
            })
            .WithSummary("Students: the messages of the conversation with my mentor, newest first; marks the mentor's messages read")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<MentoringMessagePage> PageAsync(HttpContext context, IMediator mediator, long chatId, int? page, int? pageSize, long? beforeId, CancellationToken ct)
    {
        // Profiles first: only a participant may have them, which also keeps an admin's oversight (allowed
        // by history) from marking anything read.
        var profiles = await mediator.Send(new GetChatProfilesQuery(chatId), ct);
        await mediator.Send(new MarkMessagesReadCommand(chatId, null), ct);
        var history = await mediator.Send(new GetChatHistoryQuery(chatId, page ?? 1, pageSize ?? GetChatHistoryQuery.DefaultPageSize, beforeId), ct);
        var viewer = Viewer(context);
        return new MentoringMessagePage(history.Messages.Select(m => MentoringMessages.ToMessage(m, profiles, viewer)).ToList(), history.Page, history.PageSize, history.HasMore);
    }

    private static Domain.Common.ParticipantRef Viewer(HttpContext context) =>
        (JwtTokenService.ToCaller(context.User) ?? throw new UnauthenticatedException()).Participant;
}
