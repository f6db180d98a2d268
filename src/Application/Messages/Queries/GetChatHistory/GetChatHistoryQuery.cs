using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Messages.Queries.GetChatHistory;

/// <summary>
/// A page of a chat's messages, newest first. <see cref="BeforeId"/> and <see cref="AfterId"/> are keyset
/// cursors: deep pages cost the same as the first, where <see cref="Page"/> has to skip rows.
/// </summary>
[Authorize]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record GetChatHistoryQuery(long ChatId, int Page = 1, int PageSize = GetChatHistoryQuery.DefaultPageSize, long? BeforeId = null, long? AfterId = null,
    string? EntityType = null, long? EntityId = null, long? AfterSeq = null, string? Search = null)
    : IRequest<MessageHistoryDto>, IChatScopedRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;
}

public sealed record MessageHistoryDto(IReadOnlyList<MessageDto> Messages, int Total, int Page, int PageSize, bool HasMore);

internal sealed class GetChatHistoryQueryHandler : IRequestHandler<GetChatHistoryQuery, MessageHistoryDto>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IDeliveryRecorder _deliveries;
    private readonly IMessageSearch _search;

    public GetChatHistoryQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IDeliveryRecorder deliveries, IMessageSearch search)
    {
        _read = read;
        _search = search;
        _currentCaller = currentCaller;
        _deliveries = deliveries;
    }

    public async Task<MessageHistoryDto> Handle(GetChatHistoryQuery request, CancellationToken cancellationToken)
    {
        var inChat = _read.Messages.Where(m => m.ChatId == request.ChatId);

        // Messages about one business object ("everything about appointment 42"). Walks the chat's own
        // messages: no extra index, so sending pays nothing for a filter that only history uses.
        if (request.EntityType is { } entityType)
        {
            var type = entityType.ToLowerInvariant();
            inChat = inChat.Where(m => m.EntityType == type);
            if (request.EntityId is { } entityId)
                inChat = inChat.Where(m => m.EntityId == entityId);
        }
        // Messages with all the words, from the word index (deleted ones are not in it).
        if (SearchTerms.Parse(request.Search) is { } terms)
        {
            var matching = _search.MatchingIdsInChat(terms, request.ChatId);
            inChat = inChat.Where(m => matching.Contains(m.Id));
        }

        var total = await inChat.CountAsync(cancellationToken);

        // One row more than asked tells whether another page exists, without a second count.
        IQueryable<Domain.Chats.ChatMessage> page;
        if (request.AfterSeq is { } afterSeq)
        {
            // Catching up by sequence number (what a client saw last), on the (chat_id, seq) index.
            page = inChat.Where(m => m.Seq > afterSeq).OrderBy(m => m.Seq).Take(request.PageSize + 1);
        }
        else if (request.AfterId is { } afterId)
        {
            // Catching up: the oldest messages after the cursor, shown newest first like every page.
            var after = await PlaceOfAsync(afterId, request.ChatId, nameof(request.AfterId), "after_id", cancellationToken);
            page = inChat.Where(m => m.Seq > after).OrderBy(m => m.Seq).Take(request.PageSize + 1);
        }
        else if (request.BeforeId is { } beforeId)
        {
            var before = await PlaceOfAsync(beforeId, request.ChatId, nameof(request.BeforeId), "before_id", cancellationToken);
            page = inChat.Where(m => m.Seq < before).OrderByDescending(m => m.Seq).Take(request.PageSize + 1);
        }
        else
        {
            page = inChat.OrderByDescending(m => m.Seq).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize + 1);
        }

        var messages = await MessageProjection.ToDtosAsync(_read, page, request.ChatId, cancellationToken);
        var hasMore = messages.Count > request.PageSize;
        var shown = messages.Take(request.PageSize).OrderByDescending(m => m.Seq).ToList();

        // Fetched is delivered (not read). Recorded for participants only; it changes nothing for others.
        if (shown.Count > 0)
            _deliveries.Delivered(request.ChatId, _currentCaller.Required().Participant, shown[0].Id);
        return new MessageHistoryDto(shown, total, request.Page, request.PageSize, hasMore);
    }

    // An id cursor becomes the message's seq: within a chat both follow commit order, and seq is what the
    // chat's index is ordered by. A cursor from another chat (or none) has no place here.
    private async Task<long> PlaceOfAsync(long messageId, long chatId, string field, string parameter, CancellationToken cancellationToken) =>
        await _read.Messages.Where(m => m.Id == messageId && m.ChatId == chatId).Select(m => (long?)m.Seq).FirstOrDefaultAsync(cancellationToken)
        ?? throw new RequestValidationException(field, $"{parameter} must be the id of a message in this chat.");
}
